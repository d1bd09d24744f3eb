using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>
    /// What every Locksmith fix shares: the one rule it fixes, batch fix-all, and the diagnosed node found once per
    /// diagnostic. A fix says only what it offers for that node.
    /// </summary>
    public abstract class LocksmithCodeFix : CodeFixProvider
    {
        private readonly ImmutableArray<string> _ids;

        /// <summary>Creates a fix for the rule <paramref name="ruleId"/>.</summary>
        /// <param name="ruleId">The LSM id the fix handles.</param>
        protected LocksmithCodeFix(string ruleId) => _ids = ImmutableArray.Create(ruleId);

        /// <inheritdoc />
        public sealed override ImmutableArray<string> FixableDiagnosticIds => _ids;

        /// <inheritdoc />
        public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = await FixSyntax.NodeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                Offer(context, diagnostic, node);
            }
        }

        /// <summary>Registers the fix for <paramref name="diagnostic"/> on <paramref name="node"/>, when it applies.</summary>
        /// <param name="context">The fix context.</param>
        /// <param name="diagnostic">The diagnostic to fix.</param>
        /// <param name="node">The innermost node at the diagnostic's span, if any.</param>
        protected abstract void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node);
    }
}
