using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Locksmith.Redis.Bulk.Protocol;

/// <summary>
/// Finds complete replies in buffered bytes. <see cref="TrySkip"/> is the bulk-load path: it allocates nothing except
/// for an error reply's text. <see cref="TryRead"/> decodes a reply for the handshake and inspection.
/// Speaks RESP2 and the RESP3 types a server may send anyway.
/// </summary>
internal static class RespReplyParser
{
    /// <summary>Skips one complete reply; false when more bytes are needed.</summary>
    /// <exception cref="InvalidDataException">The bytes are not RESP: the stream is out of step.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TrySkip(ReadOnlySpan<byte> data, out int consumed, out string? error)
    {
        consumed = 0;
        error = null;
        if (data.Length >= 5 && data[0] == '+' && data[3] == '\r' && data[1] == 'O' && data[2] == 'K' && data[4] == '\n')
        {
            // The common reply of a bulk load.
            consumed = 5;
            return true;
        }

        var at = 0;
        long remaining = 1;
        var first = true;
        while (remaining > 0)
        {
            if (at >= data.Length)
            {
                return false;
            }

            var kind = data[at];
            var lineEnd = data[at..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            var line = data.Slice(at + 1, lineEnd - 1);
            at += lineEnd + 2;
            remaining--;
            switch (kind)
            {
                case (byte)'+' or (byte)':' or (byte)'_' or (byte)',' or (byte)'#' or (byte)'(':
                    break;
                case (byte)'-':
                    if (first)
                    {
                        error = Encoding.UTF8.GetString(line);
                    }

                    break;
                case (byte)'$' or (byte)'!' or (byte)'=':
                    var size = Number(line);
                    if (size >= 0)
                    {
                        if (at + size + 2 > data.Length)
                        {
                            return false;
                        }

                        if (first && kind == '!')
                        {
                            error = Encoding.UTF8.GetString(data.Slice(at, (int)size));
                        }

                        at += (int)size + 2;
                    }

                    break;
                case (byte)'*' or (byte)'~' or (byte)'>':
                    remaining += Math.Max(0, Number(line));
                    break;
                case (byte)'%' or (byte)'|':
                    remaining += 2 * Math.Max(0, Number(line));
                    break;
                default:
                    throw new InvalidDataException($"The server sent bytes that are not a RESP reply (type byte 0x{kind:X2}); the connection is out of step.");
            }

            first = false;
        }

        consumed = at;
        return true;
    }

    /// <summary>Decodes one complete reply; false when more bytes are needed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out int consumed, out RespValue value)
    {
        consumed = 0;
        value = RespValue.NullValue;
        if (data.IsEmpty)
        {
            return false;
        }

        var lineEnd = data.IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return false;
        }

        var line = data[1..lineEnd];
        var at = lineEnd + 2;
        switch (data[0])
        {
            case (byte)'+' or (byte)',' or (byte)'(':
                value = new RespValue(RespKind.SimpleString, Encoding.UTF8.GetString(line));
                break;
            case (byte)'-':
                value = new RespValue(RespKind.Error, Encoding.UTF8.GetString(line));
                break;
            case (byte)':':
                value = new RespValue(RespKind.Integer, Integer: Number(line));
                break;
            case (byte)'#':
                value = new RespValue(RespKind.Integer, Integer: line.SequenceEqual("t"u8) ? 1 : 0);
                break;
            case (byte)'_':
                break;
            case (byte)'$' or (byte)'!' or (byte)'=':
                var size = Number(line);
                if (size >= 0)
                {
                    if (at + size + 2 > data.Length)
                    {
                        return false;
                    }

                    value = new RespValue(data[0] == '!' ? RespKind.Error : RespKind.BulkString, Encoding.UTF8.GetString(data.Slice(at, (int)size)));
                    at += (int)size + 2;
                }

                break;
            case (byte)'*' or (byte)'~' or (byte)'>' or (byte)'%' or (byte)'|':
                var count = Number(line) * (data[0] is (byte)'%' or (byte)'|' ? 2 : 1);
                if (count >= 0)
                {
                    var items = new List<RespValue>((int)Math.Min(count, 4096));
                    for (var i = 0; i < count; i++)
                    {
                        if (!TryRead(data[at..], out var used, out var item))
                        {
                            return false;
                        }

                        items.Add(item);
                        at += used;
                    }

                    value = new RespValue(RespKind.Array, Items: items);
                }

                break;
            default:
                throw new InvalidDataException($"The server sent bytes that are not a RESP reply (type byte 0x{data[0]:X2}); the connection is out of step.");
        }

        consumed = at;
        return true;
    }

    private static long Number(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length
            ? value
            : throw new InvalidDataException($"The server sent a malformed length '{Encoding.ASCII.GetString(text)}'; the connection is out of step.");
}
