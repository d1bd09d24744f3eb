using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>What the fixes share: the diagnosed node, a replacement, and fully qualified names the simplifier shortens.</summary>
    internal static class FixSyntax
    {
        /// <summary>The default expiry a fix writes: short enough that a crashed holder does not block for long.</summary>
        public const string DefaultTtl = "30s";

        public static async Task<SyntaxNode?> NodeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        }

        /// <summary><c>TimeSpan.FromSeconds(30)</c>, qualified only when <c>TimeSpan</c> does not already mean System.TimeSpan at <paramref name="node"/>.</summary>
        public static async Task<ExpressionSyntax> ThirtySecondsAsync(Document document, SyntaxNode node, CancellationToken cancellationToken) =>
            SyntaxFactory.ParseExpression(await TypeNameAsync(document, node, "System", "TimeSpan", cancellationToken).ConfigureAwait(false) + ".FromSeconds(30)");

        /// <summary>The shortest name for <paramref name="ns"/>.<paramref name="name"/> at <paramref name="node"/> (simple when a using brings it in).</summary>
        public static async Task<string> TypeNameAsync(Document document, SyntaxNode node, string ns, string name, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            // Generic types of the same name (Task<T> beside Task) do not compete for a name without type arguments.
            var found = model?.LookupNamespacesAndTypes(node.SpanStart, name: name)
                .Where(s => !(s is INamedTypeSymbol { Arity: > 0 }))
                .ToList();
            var unique = found != null && found.Count == 1 && found[0].ContainingNamespace?.ToDisplayString() == ns;
            return unique ? name : "global::" + ns + "." + name;
        }

        public static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return document.WithSyntaxRoot(root!.ReplaceNode(oldNode, newNode.WithTriviaFrom(oldNode)));
        }

        public static void Register(CodeFixContext context, Diagnostic diagnostic, string title, System.Func<CancellationToken, Task<Document>> apply) =>
            context.RegisterCodeFix(CodeAction.Create(title, apply, equivalenceKey: diagnostic.Id + title), diagnostic);
    }
}
