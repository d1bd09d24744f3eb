using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM002: replaces the lock's expiry by 30 seconds.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LockTakeExpiryCodeFix)), Shared]
    public sealed class LockTakeExpiryCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.LockTakeExpiry);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = await FixSyntax.NodeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                var expression = node is ArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
                if (expression != null)
                {
                    FixSyntax.Register(context, diagnostic, "Expire the lock after 30 seconds",
                        async ct => await FixSyntax.ReplaceAsync(context.Document, expression, await FixSyntax.ThirtySecondsAsync(context.Document, expression, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
                }
            }
        }
    }
}
