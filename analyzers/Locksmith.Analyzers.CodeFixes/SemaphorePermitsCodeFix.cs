using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM008: lets one call in at a time ([Semaphore(1)]).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SemaphorePermitsCodeFix)), Shared]
    public sealed class SemaphorePermitsCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.SemaphorePermits);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = await FixSyntax.NodeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                var expression = node is AttributeArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
                if (expression != null)
                {
                    var one = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1));
                    FixSyntax.Register(context, diagnostic, "Allow 1 permit", ct => FixSyntax.ReplaceAsync(context.Document, expression, one, ct));
                }
            }
        }
    }
}
