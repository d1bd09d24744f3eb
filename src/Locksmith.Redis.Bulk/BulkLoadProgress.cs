namespace Locksmith.Redis.Bulk;

/// <summary>A snapshot of a running load, reported a few times a second.</summary>
/// <param name="CommandsSent">Commands written to the server (or to the output, when converting).</param>
/// <param name="Replies">Replies received.</param>
/// <param name="Errors">Error replies among them.</param>
/// <param name="BytesRead">Input bytes consumed so far.</param>
/// <param name="TotalBytes">The input's size, when known (a file); null for a pipe.</param>
public readonly record struct BulkLoadProgress(long CommandsSent, long Replies, long Errors, long BytesRead, long? TotalBytes);
