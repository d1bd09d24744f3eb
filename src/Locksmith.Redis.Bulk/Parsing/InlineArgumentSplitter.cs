using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>
/// Splits a redis-cli-style line into arguments: whitespace separates them; "double quotes" take the escapes \n \r \t
/// \b \a \\ \" and \xHH; 'single quotes' take only \'; a closing quote must be followed by whitespace or the end.
/// </summary>
internal static class InlineArgumentSplitter
{
    public static bool Split(ReadOnlySpan<byte> line, ArgumentList output, out string? error)
    {
        error = null;
        var at = 0;
        while (true)
        {
            while (at < line.Length && IsSpace(line[at]))
            {
                at++;
            }

            if (at == line.Length)
            {
                return true;
            }

            output.BeginArgument();
            var argumentStart = at;
            while (at < line.Length && !IsSpace(line[at]))
            {
                var quote = line[at];
                if (quote is (byte)'"' or (byte)'\'')
                {
                    if (!Quoted(line, ref at, output, out error))
                    {
                        error = $"{error} (argument starting at column {argumentStart + 1})";
                        return false;
                    }

                    if (at < line.Length && !IsSpace(line[at]))
                    {
                        error = $"a closing quote must be followed by a space or the end of the line (column {at + 1})";
                        return false;
                    }
                }
                else
                {
                    output.Append(quote);
                    at++;
                }
            }

            output.EndArgument();
        }
    }

    private static bool Quoted(ReadOnlySpan<byte> line, ref int at, ArgumentList output, out string? error)
    {
        error = null;
        var quote = line[at++];
        while (at < line.Length)
        {
            var c = line[at];
            if (c == quote)
            {
                at++;
                return true;
            }

            if (c == '\\' && at + 1 < line.Length)
            {
                var next = line[at + 1];
                if (quote == '\'')
                {
                    // Single quotes only escape the quote itself, as in redis-cli.
                    if (next == '\'')
                    {
                        output.Append((byte)'\'');
                        at += 2;
                        continue;
                    }
                }
                else if (next == 'x' && at + 3 < line.Length && IsHex(line[at + 2]) && IsHex(line[at + 3]))
                {
                    output.Append((byte)((Hex(line[at + 2]) << 4) | Hex(line[at + 3])));
                    at += 4;
                    continue;
                }
                else
                {
                    output.Append(next switch
                    {
                        (byte)'n' => (byte)'\n',
                        (byte)'r' => (byte)'\r',
                        (byte)'t' => (byte)'\t',
                        (byte)'b' => (byte)'\b',
                        (byte)'a' => (byte)'\a',
                        _ => next,
                    });
                    at += 2;
                    continue;
                }
            }

            output.Append(c);
            at++;
        }

        error = $"unterminated {(quote == '"' ? "double" : "single")} quote";
        return false;
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\v' or (byte)'\f';

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
