using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Locksmith.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>
    /// LSM005: declares the lease with <c>await using</c>, so it is released on every path, and removes the explicit
    /// <c>await lease.DisposeAsync()</c> statements of the same block that would now release it twice.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReleaseNotOnEveryPathCodeFix)), Shared]
    public sealed class ReleaseNotOnEveryPathCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public ReleaseNotOnEveryPathCodeFix()
            : base(RuleIdentifiers.ReleaseNotOnEveryPath)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            if (!diagnostic.Properties.ContainsKey(ReleaseNotOnEveryPathAnalyzer.FixKind))
            {
                return;
            }

            var declaration = node?.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
            if (declaration != null && declaration.UsingKeyword.IsKind(SyntaxKind.None) && declaration.Declaration.Variables.Count == 1)
            {
                FixSyntax.Register(context, diagnostic, "Hold the lease with await using", ct => ApplyAsync(context.Document, declaration, ct));
            }
        }

        private static async Task<Document> ApplyAsync(Document document, LocalDeclarationStatementSyntax declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var name = declaration.Declaration.Variables[0].Identifier.ValueText;
            var held = declaration
                .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(declaration.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.Space))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithModifiers(declaration.Modifiers.Count == 0 ? declaration.Modifiers : declaration.Modifiers.Replace(declaration.Modifiers[0], declaration.Modifiers[0].WithLeadingTrivia()));
            if (declaration.Modifiers.Count == 0)
            {
                held = held.WithDeclaration(declaration.Declaration.WithLeadingTrivia());
            }

            var redundant = declaration.Parent is BlockSyntax block
                ? block.Statements.OfType<ExpressionStatementSyntax>().Where(s => DisposesLocal(s, name)).ToList()
                : new System.Collections.Generic.List<ExpressionStatementSyntax>();
            var updated = root!.TrackNodes(redundant.Cast<SyntaxNode>().Append(declaration));
            updated = updated.ReplaceNode(updated.GetCurrentNode(declaration)!, held);
            foreach (var statement in redundant)
            {
                updated = updated.RemoveNode(updated.GetCurrentNode(statement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            }

            return document.WithSyntaxRoot(updated);
        }

        /// <summary><c>await lease.DisposeAsync();</c> (with or without ConfigureAwait) or <c>lease.Dispose();</c>.</summary>
        private static bool DisposesLocal(ExpressionStatementSyntax statement, string name)
        {
            var expression = statement.Expression is AwaitExpressionSyntax awaited ? awaited.Expression : statement.Expression;
            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure })
            {
                expression = configure.Expression;
            }

            return expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                && (access.Name.Identifier.ValueText == "DisposeAsync" || access.Name.Identifier.ValueText == "Dispose")
                && access.Expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name;
        }
    }
}
