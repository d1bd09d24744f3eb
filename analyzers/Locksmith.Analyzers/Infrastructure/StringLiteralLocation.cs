using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>Maps characters of a string's value back to the source, so a diagnostic can point inside a literal.</summary>
    internal static class StringLiteralLocation
    {
        /// <summary>
        /// The location of value characters [start, start+length) of <paramref name="expression"/>, when it is a plain or
        /// verbatim literal whose source text is its value (no escapes); otherwise the whole expression.
        /// </summary>
        public static Location Of(SyntaxNode expression, int start, int length)
        {
            if (length > 0 && expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                var token = literal.Token;
                var text = token.Text;
                var prefix = text.StartsWith("@\"", System.StringComparison.Ordinal) ? 2 : text.StartsWith("\"\"\"", System.StringComparison.Ordinal) ? -1 : 1;
                if (prefix > 0 && text.Length >= prefix + 1)
                {
                    var inner = text.Substring(prefix, text.Length - prefix - 1);
                    if (inner == token.ValueText && start >= 0 && start + length <= inner.Length)
                    {
                        return Location.Create(literal.SyntaxTree, new TextSpan(token.SpanStart + prefix + start, length));
                    }
                }
            }

            return expression.GetLocation();
        }

        /// <summary>The offset in <paramref name="text"/> of 1-based <paramref name="line"/> and <paramref name="column"/>.</summary>
        public static int Offset(string text, int line, int column)
        {
            var offset = 0;
            for (var l = 1; l < line && offset < text.Length; l++)
            {
                var next = text.IndexOf('\n', offset);
                if (next < 0)
                {
                    return -1;
                }

                offset = next + 1;
            }

            return offset + column - 1;
        }
    }
}
