using System.Text;

namespace Locksmith.Keys;

/// <summary>
/// A parsed key template such as <c>"stock:{sku}"</c> or <c>"{order.CustomerId}:{day:yyyy-MM-dd}"</c>:
/// literal text and placeholders, each a parameter name, an optional member path and an optional format.
/// </summary>
internal sealed class KeyTemplate
{
    private KeyTemplate(string text, IReadOnlyList<KeyTemplatePart> parts)
    {
        Text = text;
        Parts = parts;
    }

    public string Text { get; }

    public IReadOnlyList<KeyTemplatePart> Parts { get; }

    /// <summary>Parses <paramref name="template"/>; <paramref name="where"/> names the attribute and method in errors.</summary>
    public static KeyTemplate Parse(string? template, string where)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            throw new KeyTemplateException($"{where}: the key template is empty. Give the lock a name, for example \"stock:{{sku}}\".");
        }

        var parts = new List<KeyTemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (c == '}')
            {
                throw new KeyTemplateException($"{where}: key template \"{template}\" has an unmatched '}}' at position {i}. Write '}}}}' for a literal brace.");
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close < 0)
                {
                    throw new KeyTemplateException($"{where}: key template \"{template}\" opens a placeholder at position {i} that is never closed. Close it with '}}', or write '{{{{' for a literal brace.");
                }

                if (literal.Length > 0)
                {
                    parts.Add(KeyTemplatePart.Literal(literal.ToString()));
                    literal.Clear();
                }

                parts.Add(ParsePlaceholder(template, i, close, where));
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
            parts.Add(KeyTemplatePart.Literal(literal.ToString()));
        }

        return new KeyTemplate(template, parts);
    }

    private static KeyTemplatePart ParsePlaceholder(string template, int open, int close, string where)
    {
        var body = template.Substring(open + 1, close - open - 1);
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var path = (colon < 0 ? body : body[..colon]).Trim();
        var format = colon < 0 ? null : body[(colon + 1)..];
        var names = path.Split('.');
        foreach (var name in names)
        {
            if (!IsIdentifier(name))
            {
                throw new KeyTemplateException(
                    $"{where}: placeholder {{{body}}} at position {open} of key template \"{template}\" is not a parameter name or a member path like {{order.CustomerId}}.");
            }
        }

        return KeyTemplatePart.Placeholder(names, format, open, "{" + body + "}");
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_' || name[0] == '@')
        && name.Skip(1).All(ch => char.IsLetterOrDigit(ch) || ch == '_');
}

/// <summary>One piece of a <see cref="KeyTemplate"/>: literal text, or a placeholder naming a parameter and member path.</summary>
internal sealed record KeyTemplatePart(string? Text, IReadOnlyList<string>? Path, string? Format, int Position, string? Source)
{
    public bool IsLiteral => Path is null;

    public static KeyTemplatePart Literal(string text) => new(text, null, null, -1, null);

    public static KeyTemplatePart Placeholder(IReadOnlyList<string> path, string? format, int position, string source) =>
        new(null, path, format, position, source);
}
