namespace Locksmith.Kafka.Internal;

/// <summary>The topics and consumer groups a queue uses, all under <see cref="KafkaQueueOptions.TopicPrefix"/>.</summary>
internal sealed class KafkaNames(string prefix)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _items = new(StringComparer.Ordinal);

    /// <summary>The queue's items (looked up on every enqueue, so built once per queue).</summary>
    public string Items(string queue) => _items.GetOrAdd(queue, q => prefix + q);

    /// <summary>Items that failed <see cref="QueueOptions.MaxAttempts"/> times, with the error in headers.</summary>
    public string Dead(string queue) => prefix + queue + ".dead";

    /// <summary>Results for callers waiting with AwaitResult; each waiting process reads one partition of it.</summary>
    public string Replies => prefix + "replies";

    /// <summary>The consumer group of a Locksmith group on a queue: one group per queue, as Kafka consumers expect.</summary>
    public string Group(string queue, string group) => prefix + queue + "." + group;

    /// <summary>The consumer group whose committed offsets mark how far a group's dead letters were redriven.</summary>
    public string RedriveGroup(string queue, string group) => Group(queue, group) + ".redrive";
}
