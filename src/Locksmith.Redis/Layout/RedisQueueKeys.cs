using System.Collections.Concurrent;
using static Locksmith.Redis.Layout.RedisKeyLayout;

namespace Locksmith.Redis.Layout;

/// <summary>
/// Key and channel names of one queue, part of <see cref="RedisKeyLayout"/> (which parses them back). Everything of
/// one partition shares the hash tag <c>{name:partition}</c>, so its scripts touch one Redis Cluster slot:
/// <c>ls:q:{orders:3}</c> (the stream, read by every group), <c>:relayed</c>, <c>:r:&lt;item&gt;</c> (a reply), the
/// channels <c>:wake</c> and <c>:replies</c>, and per consumer group (after the tag, so still in the slot)
/// <c>:dead:&lt;group&gt;</c>, <c>:done:&lt;group&gt;</c>, <c>:starts:&lt;group&gt;</c> and <c>:out:&lt;group&gt;</c>: one
/// group's progress never decides what another runs.
/// </summary>
internal sealed class RedisQueueKeys(string prefix, string queue)
{
    public string Queue { get; } = queue;

    private readonly ConcurrentDictionary<int, string> _streams = new();
    private readonly ConcurrentDictionary<int, string> _wakeChannels = new();

    /// <summary>The partition's stream; names used on every enqueue are formatted once.</summary>
    public string Stream(int partition) =>
        _streams.TryGetValue(partition, out var name) ? name : _streams.GetOrAdd(partition, p => RedisKeyLayout.Stream(prefix, Queue, p));

    /// <summary>The group's dead letters in the partition.</summary>
    public string DeadLetters(int partition, string group) => Stream(partition) + DeadLettersSuffix + group;

    /// <summary>Ids of the items the group has finished (completed or dead-lettered), scored by when: a copy delivered again is skipped.</summary>
    public string Finished(int partition, string group) => Stream(partition) + FinishedSuffix + group;

    /// <summary>How many times the group's bodies started each entry, so a consumer taking over goes on counting runs.</summary>
    public string Starts(int partition, string group) => Stream(partition) + StartsSuffix + group;

    /// <summary>Queued calls made by the group's completed bodies, waiting to be relayed to their own partitions.</summary>
    public string Outbox(int partition, string group) => Stream(partition) + OutboxSuffix + group;

    /// <summary>Item ids relayed into this partition, so a relay repeated after a crash appends nothing.</summary>
    public string Relayed(int partition) => Stream(partition) + RelayedSuffix;

    public string Reply(int partition, string itemId) => Stream(partition) + ReplySuffix + itemId;

    public string WakeChannel(int partition) =>
        _wakeChannels.TryGetValue(partition, out var name) ? name : _wakeChannels.GetOrAdd(partition, p => Stream(p) + WakeSuffix);

    public string ReplyChannel(int partition) => Stream(partition) + RepliesSuffix;

    /// <summary>The partition count, recorded by the first process that uses the queue.</summary>
    public string PartitionCount => $"{prefix}{PartitionCountToken}{{{Queue}}}{PartitionCountSuffix}";

    /// <summary>The live consumers of a group, scored by when their heartbeat expires.</summary>
    public string Members(string group) => $"{prefix}{MembersToken}{{{Queue}/{group}}}";

    /// <summary>The lease key (through the lock provider, so under <c>lock:</c>) that makes one consumer of a group own a partition.</summary>
    public string PartitionLease(string group, int partition) => $"queue/{Queue}/{group}/{partition}";
}
