using System.Composition;
using System.Linq;
using Locksmith.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.CodeFixes
{
    /// <summary>LSM001: gives the SET NX an expiry of 30 seconds (an argument, or PX 30000 in a raw command).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetNxWithoutExpiryCodeFix)), Shared]
    public sealed class SetNxWithoutExpiryCodeFix : LocksmithCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public SetNxWithoutExpiryCodeFix()
            : base(RuleIdentifiers.SetNxWithoutExpiry)
        {
        }

        /// <inheritdoc />
        protected override void Offer(CodeFixContext context, Diagnostic diagnostic, SyntaxNode? node)
        {
            if (!diagnostic.Properties.TryGetValue(SetNxWithoutExpiryAnalyzer.FixKind, out var kind))
            {
                return;
            }

            switch (kind)
            {
                case "Replace" when node is ArgumentSyntax || node is ExpressionSyntax:
                    var expression = node is ArgumentSyntax argument ? argument.Expression : (ExpressionSyntax)node!;
                    FixSyntax.Register(context, diagnostic, "Expire the key after 30 seconds",
                        async ct => await FixSyntax.ReplaceAsync(context.Document, expression, await FixSyntax.ThirtySecondsAsync(context.Document, expression, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
                    break;
                case "AddNamed" when node is InvocationExpressionSyntax call:
                    FixSyntax.Register(context, diagnostic, "Expire the key after 30 seconds", async ct =>
                    {
                        var ttl = await FixSyntax.ThirtySecondsAsync(context.Document, call, ct).ConfigureAwait(false);
                        var named = SyntaxFactory.Argument(SyntaxFactory.NameColon("expiry"), default, ttl);
                        return await FixSyntax.ReplaceAsync(context.Document, call, call.AddArgumentListArguments(named), ct).ConfigureAwait(false);
                    });
                    break;
                case "AppendPx" when node is InvocationExpressionSyntax command:
                    FixSyntax.Register(context, diagnostic, "Expire the key after 30 seconds (PX 30000)",
                        ct => FixSyntax.ReplaceAsync(context.Document, command, AppendPx(command, setNx: false), ct));
                    break;
                case "SetNx" when node is InvocationExpressionSyntax setNx:
                    FixSyntax.Register(context, diagnostic, "Use SET NX PX 30000",
                        ct => FixSyntax.ReplaceAsync(context.Document, setNx, AppendPx(setNx, setNx: true), ct));
                    break;
            }
        }

        private static InvocationExpressionSyntax AppendPx(InvocationExpressionSyntax call, bool setNx)
        {
            var arguments = call.ArgumentList.Arguments;
            if (setNx)
            {
                arguments = arguments.Replace(arguments[0], arguments[0].WithExpression(Literal("SET")));
            }

            var extra = setNx ? new[] { Literal("NX"), Literal("PX") } : new[] { Literal("PX") };
            arguments = arguments.AddRange(extra.Select(SyntaxFactory.Argument));
            arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(30000))));
            return call.WithArgumentList(call.ArgumentList.WithArguments(arguments));
        }

        private static LiteralExpressionSyntax Literal(string text) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text));
    }
}
