using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM002: replaces the lock's expiry by 30 seconds.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LockTakeExpiryCodeFix)), Shared]
    public sealed class LockTakeExpiryCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public LockTakeExpiryCodeFix()
            : base(RuleIdentifiers.LockTakeExpiry)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            var expression = node is ArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
            if (expression != null)
            {
                FixSyntax.Register(context, diagnostic, "Expire the lock after 30 seconds",
                    async ct => await FixSyntax.ReplaceAsync(context.Document, expression, await FixSyntax.ThirtySecondsAsync(context.Document, expression, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
            }
        }
    }
}
