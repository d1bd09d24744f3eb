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
    /// <summary>LSM009 on async void: returns Task instead, so the lease covers the whole body. Iterators need a redesign, so no fix.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsupportedShapeCodeFix)), Shared]
    public sealed class UnsupportedShapeCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnsupportedShape);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(UnsupportedShapeAnalyzer.ShapeProperty, out var shape) || shape != "AsyncVoid")
                {
                    continue;
                }

                var node = await FixSyntax.NodeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                var method = node?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                if (method != null)
                {
                    FixSyntax.Register(context, diagnostic, "Return Task", async ct =>
                    {
                        var task = SyntaxFactory.ParseTypeName(await FixSyntax.TypeNameAsync(context.Document, method.ReturnType, "System.Threading.Tasks", "Task", ct).ConfigureAwait(false));
                        return await FixSyntax.ReplaceAsync(context.Document, method.ReturnType, task, ct).ConfigureAwait(false);
                    });
                }
            }
        }
    }
}
