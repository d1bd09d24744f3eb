using Locksmith.Redis.Bulk.Pipeline;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>What one line of a text input turned out to be.</summary>
internal enum LineOutcome
{
    Command,
    Skip,
    Error,
}

/// <summary>The line loop shared by the text formats: CR LF or LF endings, a UTF-8 BOM, positions by line number.</summary>
internal abstract class LineCommandParser : ICommandParser
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private long _lines;

    public long Commands { get; private set; }

    protected ArgumentList Arguments { get; } = new();

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

            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && !isFinal)
            {
                return ParseStatus.NeedMoreInput;
            }

            var lineLength = newline < 0 ? rest.Length : newline + 1;
            var line = newline < 0 ? rest : rest[..newline];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (_lines == 0 && line.StartsWith(Bom))
            {
                line = line[Bom.Length..];
            }

            var position = new CommandPosition(Commands + 1, _lines + 1, inputOffset + consumed);
            Arguments.Clear();
            var outcome = ParseLine(line, _lines + 1, out var message);
            if (outcome == LineOutcome.Command)
            {
                var size = RespEncoder.EncodedLength(Arguments);
                if (!chunk.HasRoomFor(size))
                {
                    // The line is parsed again into the next chunk; only the last line of a chunk pays twice.
                    return ParseStatus.ChunkFull;
                }

                RespEncoder.Write(Arguments, chunk.Append(size, position));
                Commands++;
            }

            _lines++;
            consumed += lineLength;
            if (outcome == LineOutcome.Error)
            {
                error = new InputError(position, message ?? "invalid line");
                return ParseStatus.Error;
            }
        }
    }

    /// <summary>Fills <see cref="Arguments"/> from one line (without its line ending).</summary>
    protected abstract LineOutcome ParseLine(ReadOnlySpan<byte> line, long lineNumber, out string? error);

    protected static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;
}
