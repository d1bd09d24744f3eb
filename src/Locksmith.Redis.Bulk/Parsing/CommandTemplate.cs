using System.Globalization;
using System.Text;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>
/// A command in inline syntax whose arguments contain placeholders: <c>{0}</c> by position, <c>{name}</c> by CSV header
/// or JSON field. It is split into arguments once, so a value with spaces stays one argument.
/// </summary>
internal sealed class CommandTemplate
{
    private readonly List<Part[]> _arguments;

    private CommandTemplate(List<Part[]> arguments) => _arguments = arguments;

    private readonly record struct Part(byte[]? Literal, int Index, string? Name);

    public static CommandTemplate? ParseOrNull(string? template) => template is null ? null : Parse(template);

    public static CommandTemplate Parse(string template)
    {
        var tokens = new ArgumentList();
        if (!InlineArgumentSplitter.Split(Encoding.UTF8.GetBytes(template), tokens, out var error))
        {
            throw new ArgumentException($"The command template '{template}' is not a valid inline command: {error}.", nameof(template));
        }

        if (tokens.Count == 0)
        {
            throw new ArgumentException("The command template is empty; write a command such as 'SET {0} {1}'.", nameof(template));
        }

        var arguments = new List<Part[]>();
        for (var i = 0; i < tokens.Count; i++)
        {
            arguments.Add(Parts(Encoding.UTF8.GetString(tokens[i])));
        }

        return new CommandTemplate(arguments);
    }

    /// <summary>Writes one command into <paramref name="output"/> from a record's fields.</summary>
    public bool Fill(IFieldSource fields, ArgumentList output, out string? error)
    {
        error = null;
        foreach (var argument in _arguments)
        {
            output.BeginArgument();
            foreach (var part in argument)
            {
                if (part.Literal is not null)
                {
                    output.Append(part.Literal);
                }
                else if (part.Name is not null)
                {
                    if (fields.HasName(part.Name))
                    {
                        if (!fields.TryAppend(part.Name, output, out error))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        // Not a field: braces stay literal, so hash tags like {user:1} need no escaping.
                        output.Append(Encoding.UTF8.GetBytes("{" + part.Name + "}"));
                    }
                }
                else if (!fields.TryAppend(part.Index, output, out error))
                {
                    error ??= string.Create(CultureInfo.InvariantCulture, $"the template uses {{{part.Index}}} but the record has {fields.Count} field(s), numbered from 0");
                    return false;
                }
            }

            output.EndArgument();
        }

        return true;
    }

    private static Part[] Parts(string token)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if ((c == '{' || c == '}') && i + 1 < token.Length && token[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            var close = c == '{' ? token.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                literal.Append(c);
                continue;
            }

            Flush(literal, parts);
            var inside = token[(i + 1)..close];
            parts.Add(int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? new Part(null, index, null)
                : new Part(null, 0, inside));
            i = close;
        }

        Flush(literal, parts);
        return [.. parts];
    }

    private static void Flush(StringBuilder literal, List<Part> parts)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(Encoding.UTF8.GetBytes(literal.ToString()), 0, null));
            literal.Clear();
        }
    }
}
