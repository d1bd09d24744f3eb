using System.Text;

namespace Locksmith.Queues;

/// <summary>
/// Chooses an item's partition. Keyed items hash with FNV-1a over the key's UTF-8 bytes, which every process computes
/// alike; unkeyed items go round-robin, as Kafka spreads records without a key.
/// </summary>
/// <remarks>Transports that keep their own partitions use it, so an item's partition does not depend on the transport.</remarks>
public static class QueuePartitioner
{
    private static int s_next = -1;

    /// <summary>The partition of an item with <paramref name="partitionKey"/> in a queue of <paramref name="partitions"/>.</summary>
    /// <param name="partitionKey">The item's key, or null for an unkeyed item.</param>
    /// <param name="partitions">The queue's partition count, at least 1.</param>
    /// <returns>A partition from 0 to <paramref name="partitions"/> - 1.</returns>
    public static int For(string? partitionKey, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (partitions == 1)
        {
            return 0;
        }

        if (partitionKey is null)
        {
            return (int)((uint)Interlocked.Increment(ref s_next) % (uint)partitions);
        }

        var hash = 2166136261u;
        Span<byte> buffer = partitionKey.Length <= 128 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(partitionKey.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(partitionKey.Length)];
        var length = Encoding.UTF8.GetBytes(partitionKey, buffer);
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }
}
