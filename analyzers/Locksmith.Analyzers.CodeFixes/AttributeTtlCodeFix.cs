using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM003: sets the attribute's Ttl to "30s".</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AttributeTtlCodeFix)), Shared]
    public sealed class AttributeTtlCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public AttributeTtlCodeFix()
            : base(RuleIdentifiers.AttributeTtl)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            var expression = node is AttributeArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
            if (expression != null)
            {
                var ttl = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(FixSyntax.DefaultTtl));
                FixSyntax.Register(context, diagnostic, "Set Ttl = \"30s\"", ct => FixSyntax.ReplaceAsync(context.Document, expression, ttl, ct));
            }
        }
    }
}
