using Locksmith.Redis.Layout;

namespace Locksmith.Redis.Queues;

/// <summary>
/// One consumer group's view of one partition: the shared stream and reply names, and the group's own dead letters,
/// finished ids, start counts and outbox, named once when a worker takes the partition rather than per item.
/// </summary>
internal sealed class RedisGroupPartition(RedisQueueKeys keys, int partition, string group)
{
    public string Queue => keys.Queue;

    public int Number => partition;

    public string Group => group;

    public string Stream { get; } = keys.Stream(partition);

    public string DeadLetters { get; } = keys.DeadLetters(partition, group);

    public string Finished { get; } = keys.Finished(partition, group);

    public string Starts { get; } = keys.Starts(partition, group);

    public string Outbox { get; } = keys.Outbox(partition, group);

    public string WakeChannel { get; } = keys.WakeChannel(partition);

    public string ReplyChannel { get; } = keys.ReplyChannel(partition);

    public string Reply(string itemId) => keys.Reply(partition, itemId);
}
