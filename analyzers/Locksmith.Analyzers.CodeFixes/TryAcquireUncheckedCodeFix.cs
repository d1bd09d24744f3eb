using System.Composition;
using Locksmith.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>
    /// LSM017: right after <c>var lease = await locks.TryAcquireAsync(...)</c>, returns when the lease is null, so the work
    /// below runs only with the lock. Offered when the method returns nothing (void, Task, ValueTask): a bare return fits.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TryAcquireUncheckedCodeFix)), Shared]
    public sealed class TryAcquireUncheckedCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public TryAcquireUncheckedCodeFix()
            : base(RuleIdentifiers.TryAcquireUnchecked)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            if (!diagnostic.Properties.TryGetValue(TryAcquireUncheckedAnalyzer.LocalProperty, out var local) || local == null
                || !(node?.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { Parent: BlockSyntax block } statement))
            {
                return;
            }

            FixSyntax.Register(context, diagnostic, "Return when the lock is not taken", async ct =>
            {
                var root = await context.Document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                var check = SyntaxFactory.ParseStatement($"if ({local} is null)\n{{\nreturn;\n}}\n").WithAdditionalAnnotations(Formatter.Annotation);
                var statements = block.Statements.Insert(block.Statements.IndexOf(statement) + 1, check);
                return context.Document.WithSyntaxRoot(root!.ReplaceNode(block, block.WithStatements(statements)));
            });
        }
    }
}
