using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM003: sets the attribute's Ttl to "30s".</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AttributeTtlCodeFix)), Shared]
    public sealed class AttributeTtlCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.AttributeTtl);

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
                    var ttl = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(FixSyntax.DefaultTtl));
                    FixSyntax.Register(context, diagnostic, "Set Ttl = \"30s\"", ct => FixSyntax.ReplaceAsync(context.Document, expression, ttl, ct));
                }
            }
        }
    }
}
