using System.Buffers;

namespace Locksmith.Kafka.Internal;

/// <summary>
/// An item id as a set key that keeps no string alive: the ids Locksmith makes are GUIDs (32 lowercase hex digits),
/// held as the 128-bit value; any other id keeps its text. A consumer remembers completed ids for an hour by default,
/// and a string per item held that long is promoted through every garbage collector generation while a backlog drains.
/// </summary>
internal readonly record struct ItemIdKey(Guid Value, string? Text)
{
    // Lowercase only: "ABC..." and "abc..." are different ids, and must not meet as one GUID.
    private static readonly SearchValues<char> LowercaseHex = SearchValues.Create("0123456789abcdef");

    public static ItemIdKey Of(string id) =>
        id.Length == 32 && !id.AsSpan().ContainsAnyExcept(LowercaseHex) && Guid.TryParseExact(id, "N", out var value)
            ? new(value, null)
            : new(default, id);
}
