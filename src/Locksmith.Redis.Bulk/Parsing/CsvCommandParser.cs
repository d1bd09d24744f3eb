using System.Text;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>CSV rows: <c>key,value</c> becomes <c>SET key value</c>, or a template builds the command from the columns.</summary>
internal sealed class CsvCommandParser(CommandTemplate? template, bool hasHeader) : LineCommandParser, IFieldSource
{
    private readonly ArgumentList _fields = new();
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    public int Count => _fields.Count;

    protected override LineOutcome ParseLine(ReadOnlySpan<byte> line, long lineNumber, out string? error)
    {
        error = null;
        if (IsBlank(line))
        {
            return LineOutcome.Skip;
        }

        _fields.Clear();
        if (!CsvFieldSplitter.Split(line, _fields, out error))
        {
            return LineOutcome.Error;
        }

        if (hasHeader && lineNumber == 1)
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                _columns[Encoding.UTF8.GetString(_fields[i])] = i;
            }

            return LineOutcome.Skip;
        }

        if (template is not null)
        {
            return template.Fill(this, Arguments, out error) ? LineOutcome.Command : LineOutcome.Error;
        }

        if (_fields.Count != 2)
        {
            error = $"expected 2 fields (key,value) for a SET, found {_fields.Count}; pass --template (for example \"HSET {{0}} {{1}} {{2}}\") for other shapes";
            return LineOutcome.Error;
        }

        Arguments.Add("SET"u8);
        Arguments.Add(_fields[0]);
        Arguments.Add(_fields[1]);
        return LineOutcome.Command;
    }

    public bool TryAppend(int index, ArgumentList output, out string? error)
    {
        error = null;
        if (index >= _fields.Count)
        {
            return false;
        }

        output.Append(_fields[index]);
        return true;
    }

    public bool HasName(string name) => _columns.ContainsKey(name);

    public bool TryAppend(string name, ArgumentList output, out string? error)
    {
        error = null;
        if (_columns[name] >= _fields.Count)
        {
            error = $"the template uses {{{name}}} but this row has only {_fields.Count} column(s)";
            return false;
        }

        output.Append(_fields[_columns[name]]);
        return true;
    }
}
