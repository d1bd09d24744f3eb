using System.Collections.Generic;
using System.Text;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// The key template grammar of src/Locksmith/Keys/KeyTemplate.cs ("stock:{sku}", "{order.CustomerId}:{day:yyyy-MM-dd}",
    /// "{{"/"}}" for literal braces), parsed with the position of every name so diagnostics land on the exact characters.
    /// </summary>
    internal sealed class KeyTemplateSyntax
    {
        private KeyTemplateSyntax(List<TemplatePart> parts, TemplateError? error)
        {
            Parts = parts;
            Error = error;
        }

        public IReadOnlyList<TemplatePart> Parts { get; }

        /// <summary>Why the template does not parse, or null.</summary>
        public TemplateError? Error { get; }

        public static KeyTemplateSyntax Parse(string template)
        {
            var parts = new List<TemplatePart>();
            if (template.Trim().Length == 0)
            {
                return new KeyTemplateSyntax(parts, new TemplateError("the key template is empty; give the lock a name, for example \"stock:{sku}\"", 0, 0));
            }

            var literal = new StringBuilder();
            var i = 0;
            while (i < template.Length)
            {
                var c = template[i];
                if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
                {
                    literal.Append(c);
                    i += 2;
                }
                else if (c == '}')
                {
                    return new KeyTemplateSyntax(parts, new TemplateError($"unmatched '}}' at position {i}; write '}}}}' for a literal brace", i, 1));
                }
                else if (c == '{')
                {
                    var close = template.IndexOf('}', i + 1);
                    if (close < 0)
                    {
                        return new KeyTemplateSyntax(parts, new TemplateError($"the placeholder opened at position {i} is never closed; close it with '}}', or write '{{{{' for a literal brace", i, template.Length - i));
                    }

                    if (literal.Length > 0)
                    {
                        parts.Add(TemplatePart.Literal(literal.ToString()));
                        literal.Clear();
                    }

                    var placeholder = ParsePlaceholder(template, i, close);
                    if (placeholder == null)
                    {
                        var body = template.Substring(i, close - i + 1);
                        return new KeyTemplateSyntax(parts, new TemplateError($"{body} is not a parameter name or a member path like {{order.CustomerId}}", i, close - i + 1));
                    }

                    parts.Add(placeholder);
                    i = close + 1;
                }
                else
                {
                    literal.Append(c);
                    i++;
                }
            }

            if (literal.Length > 0)
            {
                parts.Add(TemplatePart.Literal(literal.ToString()));
            }

            return new KeyTemplateSyntax(parts, null);
        }

        private static TemplatePart? ParsePlaceholder(string template, int open, int close)
        {
            var body = template.Substring(open + 1, close - open - 1);
            var colon = body.IndexOf(':');
            var rawPath = colon < 0 ? body : body.Substring(0, colon);

            // The runtime trims the whole path, then every dot-separated name must be an identifier.
            var pathText = rawPath.Trim();
            var offset = open + 1 + (pathText.Length == 0 ? 0 : rawPath.IndexOf(pathText, System.StringComparison.Ordinal));
            var names = new List<TemplateName>();
            foreach (var name in pathText.Split('.'))
            {
                if (!IsIdentifier(name))
                {
                    return null;
                }

                names.Add(new TemplateName(name, offset));
                offset += name.Length + 1;
            }

            return TemplatePart.Placeholder(names);
        }

        private static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_' || name[0] == '@'))
            {
                return false;
            }

            for (var i = 1; i < name.Length; i++)
            {
                if (!(char.IsLetterOrDigit(name[i]) || name[i] == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Literal text, or a placeholder's member path (parameter first).</summary>
    internal sealed class TemplatePart
    {
        private TemplatePart(string? text, IReadOnlyList<TemplateName>? path)
        {
            Text = text;
            Path = path;
        }

        public string? Text { get; }

        public IReadOnlyList<TemplateName>? Path { get; }

        public static TemplatePart Literal(string text) => new TemplatePart(text, null);

        public static TemplatePart Placeholder(IReadOnlyList<TemplateName> path) => new TemplatePart(null, path);
    }

    /// <summary>One name of a placeholder path and where it starts in the template.</summary>
    internal sealed class TemplateName
    {
        public TemplateName(string name, int position)
        {
            Name = name;
            Position = position;
        }

        /// <summary>The name as written, '@' included.</summary>
        public string Name { get; }

        /// <summary>The name without a verbatim '@', as the runtime matches it.</summary>
        public string Identifier => Name.TrimStart('@');

        public int Position { get; }
    }

    /// <summary>A parse error with the characters it concerns.</summary>
    internal sealed class TemplateError
    {
        public TemplateError(string message, int position, int length)
        {
            Message = message;
            Position = position;
            Length = length;
        }

        public string Message { get; }

        public int Position { get; }

        public int Length { get; }
    }
}
