using System.Globalization;
using System.Runtime.CompilerServices;
using Locksmith.Redis.Bulk.Pipeline;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>
/// Checks RESP input frame by frame (an array of bulk strings per command) and copies each frame unchanged. Checking
/// the frames is what lets a bad byte be reported at its offset before anything after it reaches the server.
/// </summary>
internal sealed class RespFrameParser : ICommandParser
{
    // Redis refuses bulk strings above proto-max-bulk-len (512 MB by default).
    private const long MaxBulkLength = 512L * 1024 * 1024;

    private bool _resyncing;

    public long Commands { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ParseStatus Parse(ReadOnlySpan<byte> input, bool isFinal, long inputOffset, OutboundChunk chunk, out int consumed, out InputError? error)
    {
        consumed = 0;
        error = null;
        while (true)
        {
            var rest = input[consumed..];
            if (rest.IsEmpty)
            {
                return ParseStatus.NeedMoreInput;
            }

            if (_resyncing)
            {
                // After a bad frame, skip whole lines until one starts a new command array.
                if (rest[0] == '*')
                {
                    _resyncing = false;
                    continue;
                }

                var newline = rest.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    if (isFinal)
                    {
                        consumed = input.Length;
                    }

                    return ParseStatus.NeedMoreInput;
                }

                consumed += newline + 1;
                continue;
            }

            var start = inputOffset + consumed;
            switch (Frame(rest, out var length, out var badAt, out var message))
            {
                case FrameStatus.Complete:
                    if (!chunk.HasRoomFor(length))
                    {
                        return ParseStatus.ChunkFull;
                    }

                    rest[..length].CopyTo(chunk.Append(length, new CommandPosition(Commands + 1, 0, start)));
                    Commands++;
                    consumed += length;
                    break;
                case FrameStatus.Incomplete:
                    if (!isFinal)
                    {
                        return ParseStatus.NeedMoreInput;
                    }

                    error = new InputError(
                        new CommandPosition(Commands + 1, 0, start),
                        string.Create(CultureInfo.InvariantCulture, $"the input ends inside command {Commands + 1}, which starts at byte {start}: the last frame is truncated (was the file cut short?)"));
                    consumed = input.Length;
                    return ParseStatus.Error;
                default:
                    error = new InputError(
                        new CommandPosition(Commands + 1, 0, start + badAt),
                        string.Create(CultureInfo.InvariantCulture, $"malformed RESP in command {Commands + 1} (starting at byte {start}), at byte {start + badAt}: {message}"));
                    consumed += Math.Max(1, badAt);
                    _resyncing = true;
                    return ParseStatus.Error;
            }
        }
    }

    private enum FrameStatus
    {
        Complete,
        Incomplete,
        Malformed,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FrameStatus Frame(ReadOnlySpan<byte> data, out int length, out int badAt, out string? message)
    {
        length = 0;
        badAt = 0;
        message = null;
        if (data[0] != '*')
        {
            message = $"expected '*' (the start of a command array), found {Describe(data[0])}. If this is a file of text commands, use --format inline";
            return FrameStatus.Malformed;
        }

        var status = ReadInteger(data, 1, out var count, out var at, out badAt, out message);
        if (status != FrameStatus.Complete)
        {
            return status;
        }

        if (count < 1)
        {
            badAt = 1;
            message = string.Create(CultureInfo.InvariantCulture, $"a command needs at least one argument, but the array has {count}");
            return FrameStatus.Malformed;
        }

        for (var i = 1; i <= count; i++)
        {
            if (at >= data.Length)
            {
                return FrameStatus.Incomplete;
            }

            if (data[at] != '$')
            {
                badAt = at;
                message = string.Create(CultureInfo.InvariantCulture, $"expected '$' (a bulk string) for argument {i} of {count}, found {Describe(data[at])}");
                return FrameStatus.Malformed;
            }

            var headerAt = at;
            status = ReadInteger(data, at + 1, out var size, out at, out badAt, out message);
            if (status != FrameStatus.Complete)
            {
                return status;
            }

            if (size is < 0 or > MaxBulkLength)
            {
                badAt = headerAt;
                message = string.Create(CultureInfo.InvariantCulture, $"argument {i} has length {size}; it must be 0 to {MaxBulkLength}");
                return FrameStatus.Malformed;
            }

            if (at + size + 2 > data.Length)
            {
                return FrameStatus.Incomplete;
            }

            var end = at + (int)size;
            if (data[end] != '\r' || data[end + 1] != '\n')
            {
                badAt = end;
                message = string.Create(CultureInfo.InvariantCulture, $"argument {i} announced {size} bytes (at byte offset {headerAt} of the command) but is not followed by CRLF there; the length does not match the content");
                return FrameStatus.Malformed;
            }

            at = end + 2;
        }

        length = at;
        return FrameStatus.Complete;
    }

    /// <summary>Reads a decimal integer ending in CRLF, starting at <paramref name="from"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FrameStatus ReadInteger(ReadOnlySpan<byte> data, int from, out long value, out int next, out int badAt, out string? message)
    {
        value = 0;
        next = from;
        badAt = 0;
        message = null;
        var negative = false;
        var at = from;
        if (at < data.Length && data[at] == '-')
        {
            negative = true;
            at++;
        }

        var digitsStart = at;
        while (at < data.Length && data[at] is >= (byte)'0' and <= (byte)'9')
        {
            if (at - digitsStart >= 18)
            {
                badAt = at;
                message = "a length with too many digits";
                return FrameStatus.Malformed;
            }

            value = (value * 10) + (data[at] - '0');
            at++;
        }

        if (at + 1 >= data.Length)
        {
            return FrameStatus.Incomplete;
        }

        if (at == digitsStart || data[at] != '\r' || data[at + 1] != '\n')
        {
            badAt = at;
            message = at == digitsStart
                ? $"expected a number, found {Describe(data[at])}"
                : $"expected CRLF after the number, found {Describe(data[at])}";
            return FrameStatus.Malformed;
        }

        value = negative ? -value : value;
        next = at + 2;
        return FrameStatus.Complete;
    }

    private static string Describe(byte value) => value switch
    {
        (byte)'\r' => "'\\r'",
        (byte)'\n' => "'\\n'",
        >= 32 and < 127 => $"'{(char)value}'",
        _ => string.Create(CultureInfo.InvariantCulture, $"byte 0x{value:X2}"),
    };
}
