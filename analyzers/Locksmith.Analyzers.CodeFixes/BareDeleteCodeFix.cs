using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Locksmith.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM004: KeyDelete(key) becomes LockRelease(key, token), which deletes only if the key still holds our token.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BareDeleteCodeFix)), Shared]
    public sealed class BareDeleteCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.BareDelete);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                // Only offered when the acquisition's token is a constant or a member of the type, so it means the same here.
                if (!diagnostic.Properties.TryGetValue(BareDeleteAnalyzer.TokenProperty, out var token) || token == null)
                {
                    continue;
                }

                var node = await FixSyntax.NodeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                    && call.ArgumentList.Arguments.Count >= 1)
                {
                    var name = access.Name.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal) ? "LockReleaseAsync" : "LockRelease";
                    var arguments = call.ArgumentList.Arguments.Insert(1, SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token)));
                    var release = call
                        .WithExpression(access.WithName(SyntaxFactory.IdentifierName(name)))
                        .WithArgumentList(call.ArgumentList.WithArguments(arguments));
                    FixSyntax.Register(context, diagnostic, "Release with " + name + " (checks the owner)",
                        ct => FixSyntax.ReplaceAsync(context.Document, call, release, ct));
                }
            }
        }
    }
}
