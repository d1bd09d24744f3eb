namespace Locksmith.Redis.Bulk.Inspection;

/// <summary>A queue: its partition streams (<c>ls:q:{orders:3}</c>) and its dead letters (<c>ls:q:{orders:3}:dead</c>, summed over partitions).</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="Partitions">One stream per partition.</param>
/// <param name="DeadLetters">Entries in the dead-letter stream; 0 when there is none.</param>
public sealed record QueueState(string Name, IReadOnlyList<QueuePartition> Partitions, long DeadLetters)
{
    /// <summary>Entries in all partitions.</summary>
    public long Length => Partitions.Sum(p => p.Length);
}

/// <summary>One partition stream.</summary>
/// <param name="Partition">The partition's number (after the queue name in the key's hash tag).</param>
/// <param name="StreamKey">The stream's key.</param>
/// <param name="Length">XLEN.</param>
/// <param name="Groups">Its consumer groups.</param>
public sealed record QueuePartition(string Partition, string StreamKey, long Length, IReadOnlyList<QueueGroup> Groups);

/// <summary>A consumer group on a partition.</summary>
/// <param name="Name">The group.</param>
/// <param name="Pending">Delivered, not acknowledged.</param>
/// <param name="Lag">Entries not yet delivered to the group; null when Redis cannot tell (after deletions).</param>
/// <param name="LastDeliveredId">The last entry delivered to the group.</param>
/// <param name="Consumers">Its consumers.</param>
public sealed record QueueGroup(string Name, long Pending, long? Lag, string LastDeliveredId, IReadOnlyList<QueueConsumer> Consumers);

/// <summary>A consumer in a group.</summary>
/// <param name="Name">The consumer.</param>
/// <param name="Pending">Entries delivered to it and not acknowledged.</param>
/// <param name="IdleMilliseconds">Time since it last read.</param>
public sealed record QueueConsumer(string Name, long Pending, long IdleMilliseconds);
