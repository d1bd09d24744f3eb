namespace Locksmith.Redis.Inspection;

/// <summary>A queue: its partition streams (<c>ls:q:{orders:3}</c>) and its consumer groups' own state.</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="PartitionCount">The partition count the first process recorded (<c>ls:qmeta:</c>); null when not recorded.</param>
/// <param name="Partitions">One stream per partition.</param>
/// <param name="Groups">Each consumer group's live members, dead letters and pending relays, over all partitions.</param>
public sealed record QueueState(string Name, long? PartitionCount, IReadOnlyList<QueuePartition> Partitions, IReadOnlyList<QueueGroupSummary> Groups)
{
    /// <summary>Entries in all partitions.</summary>
    public long Length => Partitions.Sum(p => p.Length);

    /// <summary>Dead letters of every group.</summary>
    public long DeadLetters => Groups.Sum(g => g.DeadLetters);
}

/// <summary>One partition stream.</summary>
/// <param name="Partition">The partition's number (after the queue name in the key's hash tag).</param>
/// <param name="StreamKey">The stream's key.</param>
/// <param name="Length">XLEN.</param>
/// <param name="Groups">Its consumer groups.</param>
public sealed record QueuePartition(int Partition, string StreamKey, long Length, IReadOnlyList<QueueGroup> Groups);

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

/// <summary>A consumer group over all partitions: state Locksmith keeps per group so one group never decides what another runs.</summary>
/// <param name="Name">The group.</param>
/// <param name="Members">Processes whose heartbeat is live (<c>ls:qmembers:</c>); they share the partitions.</param>
/// <param name="DeadLetters">Items the group gave up on (<c>:dead:&lt;group&gt;</c> of every partition).</param>
/// <param name="Outbox">Calls chained by the group's bodies, not yet relayed to their partitions (<c>:out:&lt;group&gt;</c>).</param>
public sealed record QueueGroupSummary(string Name, IReadOnlyList<QueueMember> Members, long DeadLetters, long Outbox);

/// <summary>A live consumer process of a group.</summary>
/// <param name="Name">The consumer's name.</param>
/// <param name="TtlMilliseconds">Time before its heartbeat expires and the others take its partitions.</param>
public sealed record QueueMember(string Name, long TtlMilliseconds);
