using System.Text;
using System.Text.Json;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>
/// One JSON value per line. Without a template the value must be an array of strings and numbers: the command. With a
/// template, array elements fill <c>{0}</c>, <c>{1}</c> and object properties fill <c>{name}</c>.
/// </summary>
internal sealed class JsonLinesCommandParser(CommandTemplate? template) : LineCommandParser, IFieldSource
{
    private byte[] _line = new byte[4096];
    private JsonElement _record;

    public int Count => _record.ValueKind == JsonValueKind.Array ? _record.GetArrayLength() : 0;

    protected override LineOutcome ParseLine(ReadOnlySpan<byte> line, long lineNumber, out string? error)
    {
        error = null;
        if (IsBlank(line))
        {
            return LineOutcome.Skip;
        }

        if (_line.Length < line.Length)
        {
            _line = new byte[Math.Max(line.Length, _line.Length * 2)];
        }

        line.CopyTo(_line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(_line.AsMemory(0, line.Length));
        }
        catch (JsonException exception)
        {
            error = $"invalid JSON: {exception.Message}";
            return LineOutcome.Error;
        }

        using (document)
        {
            _record = document.RootElement;
            try
            {
                if (template is not null)
                {
                    return template.Fill(this, Arguments, out error) ? LineOutcome.Command : LineOutcome.Error;
                }

                if (_record.ValueKind != JsonValueKind.Array || _record.GetArrayLength() == 0)
                {
                    error = $"expected a JSON array such as [\"SET\",\"key\",\"value\"], found {Describe(_record)}; pass --template to build commands from objects";
                    return LineOutcome.Error;
                }

                var index = 0;
                foreach (var element in _record.EnumerateArray())
                {
                    Arguments.BeginArgument();
                    if (!Append(element, Arguments, out error))
                    {
                        error = $"element {index}: {error}";
                        return LineOutcome.Error;
                    }

                    Arguments.EndArgument();
                    index++;
                }

                return LineOutcome.Command;
            }
            finally
            {
                _record = default;
            }
        }
    }

    public bool TryAppend(int index, ArgumentList output, out string? error)
    {
        error = null;
        if (_record.ValueKind != JsonValueKind.Array || index >= _record.GetArrayLength())
        {
            return false;
        }

        return Append(_record[index], output, out error);
    }

    public bool HasName(string name) => _record.ValueKind == JsonValueKind.Object && _record.TryGetProperty(name, out _);

    public bool TryAppend(string name, ArgumentList output, out string? error) =>
        Append(_record.GetProperty(name), output, out error);

    private static bool Append(JsonElement element, ArgumentList output, out string? error)
    {
        error = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                output.Append(Encoding.UTF8.GetBytes(element.GetString()!));
                return true;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                output.Append(Encoding.UTF8.GetBytes(element.GetRawText()));
                return true;
            case JsonValueKind.Object or JsonValueKind.Array:
                // Nested values are stored as their JSON text (a document in a string key).
                output.Append(Encoding.UTF8.GetBytes(element.GetRawText()));
                return true;
            default:
                error = "null is not a Redis value; leave the field out or give a string";
                return false;
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an empty array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
