using System.Composition;
using Locksmith.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM004: KeyDelete(key) becomes LockRelease(key, token), which deletes only if the key still holds our token.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BareDeleteCodeFix)), Shared]
    public sealed class BareDeleteCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public BareDeleteCodeFix()
            : base(RuleIdentifiers.BareDelete)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            // Only offered when the acquisition's token is a constant or a member of the type, so it means the same here.
            if (!diagnostic.Properties.TryGetValue(BareDeleteAnalyzer.TokenProperty, out var token) || token == null)
            {
                return;
            }

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
