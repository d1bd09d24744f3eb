using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM011: adds <c>AwaitResult = true</c>, so the caller waits for the consumer and gets the result.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(QueuedResultCodeFix)), Shared]
    public sealed class QueuedResultCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public QueuedResultCodeFix()
            : base(RuleIdentifiers.QueuedResult)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            var attribute = node?.FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute == null)
            {
                return;
            }

            var awaitResult = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals("AwaitResult"), null, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
            var existing = attribute.ArgumentList?.Arguments.FirstOrDefaultNamed("AwaitResult");
            var updated = existing != null
                ? attribute.ReplaceNode(existing, awaitResult)
                : attribute.WithArgumentList((attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList()).AddArguments(awaitResult));
            FixSyntax.Register(context, diagnostic, "Set AwaitResult = true", ct => FixSyntax.ReplaceAsync(context.Document, attribute, updated, ct));
        }
    }

    internal static class AttributeArgumentListExtensions
    {
        public static AttributeArgumentSyntax? FirstOrDefaultNamed(this SeparatedSyntaxList<AttributeArgumentSyntax> arguments, string name)
        {
            foreach (var argument in arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument;
                }
            }

            return null;
        }
    }
}
