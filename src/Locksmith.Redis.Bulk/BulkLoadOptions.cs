namespace Locksmith.Redis.Bulk;

/// <summary>How a load reads its input and paces its pipeline.</summary>
public sealed class BulkLoadOptions
{
    /// <summary>How many failed commands and bad input lines are kept with their details (all are counted). Defaults to 100.</summary>
    public int MaxFailuresKept { get; set; } = 100;

    /// <summary>Skip a bad line or RESP frame and go on, instead of stopping before it. Defaults to false: nothing after a bad line is sent.</summary>
    public bool ContinueOnInputError { get; set; }

    /// <summary>
    /// Bytes of commands gathered into one socket write. Defaults to 64 KiB: small enough that the server starts on the
    /// first commands while the next are still being read, large enough to keep system calls few.
    /// </summary>
    public int ChunkBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Chunks written but not yet fully answered. When the server falls behind, the loader waits, so memory stays at
    /// about <see cref="ChunkBytes"/> times this whatever the input's size. Defaults to 32 (2 MiB with the default chunk).
    /// </summary>
    public int MaxChunksInFlight { get; set; } = 32;

    /// <summary>How often the progress callback is called. Defaults to 250 ms.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxFailuresKept);
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChunksInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ProgressInterval, TimeSpan.Zero);
    }
}
