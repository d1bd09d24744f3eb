using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>Splits one CSV record (RFC 4180 quoting: "a ""quoted"" field"); a record must fit on one line.</summary>
internal static class CsvFieldSplitter
{
    public static bool Split(ReadOnlySpan<byte> line, ArgumentList fields, out string? error)
    {
        error = null;
        var at = 0;
        while (true)
        {
            fields.BeginArgument();
            if (at < line.Length && line[at] == '"')
            {
                var opened = at++;
                while (true)
                {
                    if (at >= line.Length)
                    {
                        error = $"unterminated quoted field starting at column {opened + 1} (a field cannot span lines)";
                        return false;
                    }

                    if (line[at] == '"')
                    {
                        if (at + 1 < line.Length && line[at + 1] == '"')
                        {
                            fields.Append((byte)'"');
                            at += 2;
                            continue;
                        }

                        at++;
                        break;
                    }

                    fields.Append(line[at++]);
                }

                if (at < line.Length && line[at] != ',')
                {
                    error = $"unexpected character after a closing quote at column {at + 1}; a quote inside a quoted field is written \"\"";
                    return false;
                }
            }
            else
            {
                var comma = line[at..].IndexOf((byte)',');
                var end = comma < 0 ? line.Length : at + comma;
                fields.Append(line[at..end]);
                at = end;
            }

            fields.EndArgument();
            if (at >= line.Length)
            {
                return true;
            }

            at++; // the comma
        }
    }
}
