using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM008: lets one call in at a time ([Semaphore(1)]).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SemaphorePermitsCodeFix)), Shared]
    public sealed class SemaphorePermitsCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public SemaphorePermitsCodeFix()
            : base(RuleIdentifiers.SemaphorePermits)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            var expression = node is AttributeArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
            if (expression != null)
            {
                var one = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1));
                FixSyntax.Register(context, diagnostic, "Allow 1 permit", ct => FixSyntax.ReplaceAsync(context.Document, expression, one, ct));
            }
        }
    }
}
