using System.Composition;
using System.Threading.Tasks;
using Locksmith.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM009 on async void: returns Task instead, so the lease covers the whole body. Iterators need a redesign, so no fix.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsupportedShapeCodeFix)), Shared]
    public sealed class UnsupportedShapeCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public UnsupportedShapeCodeFix()
            : base(RuleIdentifiers.UnsupportedShape)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            if (!diagnostic.Properties.TryGetValue(UnsupportedShapeAnalyzer.ShapeProperty, out var shape) || shape != "AsyncVoid")
            {
                return;
            }

            var method = node?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method != null)
            {
                FixSyntax.Register(context, diagnostic, "Return Task", async ct =>
                {
                    var task = SyntaxFactory.ParseTypeName(await FixSyntax.TypeNameAsync(context.Document, method.ReturnType, "System.Threading.Tasks", "Task", ct).ConfigureAwait(false));
                    return await FixSyntax.ReplaceAsync(context.Document, method.ReturnType, task, ct).ConfigureAwait(false);
                });
            }
        }
    }
}
