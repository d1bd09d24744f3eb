using Locksmith.Redis.Bulk.Pipeline;

namespace Locksmith.Redis.Bulk.Parsing;

internal enum ParseStatus
{
    /// <summary>Everything complete in the input was taken; more bytes are needed (or the input is done).</summary>
    NeedMoreInput,

    /// <summary>The chunk is full; call again with the rest of the input and a fresh chunk.</summary>
    ChunkFull,

    /// <summary>A bad line or frame; it has been consumed, so parsing can go on after it if the caller wants.</summary>
    Error,
}

/// <summary>Turns input bytes into encoded commands. Parsers work on whatever is buffered, so one can be fed any block size.</summary>
internal interface ICommandParser
{
    /// <summary>Commands produced so far.</summary>
    long Commands { get; }

    /// <param name="input">Buffered input, starting at the first byte not consumed yet.</param>
    /// <param name="isFinal">No more input will come: a last line without a newline is complete.</param>
    /// <param name="inputOffset">The offset of <paramref name="input"/>'s first byte in the whole input.</param>
    /// <param name="chunk">Where encoded commands go.</param>
    /// <param name="consumed">Bytes of <paramref name="input"/> used up.</param>
    /// <param name="error">The bad line or frame when the status is <see cref="ParseStatus.Error"/>.</param>
    ParseStatus Parse(ReadOnlySpan<byte> input, bool isFinal, long inputOffset, OutboundChunk chunk, out int consumed, out InputError? error);
}
