using System.Diagnostics;
using Locksmith.Queues;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// The queued methods the Kafka benchmark calls; the Locksmith generator registers them, so the consumer process finds
/// them without hand-written code. Both queues are routed to the Kafka transport by <see cref="KafkaBenchProcess"/>.
/// </summary>
internal sealed class KafkaBenchWork(KafkaBenchCounter counter)
{
    /// <summary>The enqueue-throughput queue: only ever enqueued to, never consumed.</summary>
    public const string EnqueueQueue = "bench-kafka";

    /// <summary>The consume-throughput queue: filled first, then drained by one consumer process.</summary>
    public const string ConsumeQueue = "bench-kafka-consume";

    /// <summary>64 partition keys, one per caller; Kafka's murmur2 partitioner spreads them over the topic's partitions.</summary>
    public static string[] Keys { get; } = [.. Enumerable.Range(0, 64).Select(i => $"key-{i}")];

    /// <summary>The enqueue item. Its body never runs in this benchmark: no process consumes <see cref="EnqueueQueue"/>.</summary>
    [QueuedBy(EnqueueQueue, PartitionKey = "{key}")]
    public Task SendAsync(string key, int n) => Task.CompletedTask;

    /// <summary>The consume item: the trivial work is counting it (its arguments were deserialized to call it).</summary>
    [QueuedBy(ConsumeQueue, PartitionKey = "{key}")]
    public Task CountAsync(string key, int n)
    {
        counter.Ran();
        return Task.CompletedTask;
    }
}

/// <summary>
/// What the bodies of one consumer process did: how many ran, and the timestamps of the first and of the latest run, so
/// the rate is measured between bodies rather than between polls of the count (which would add a poll's delay).
/// </summary>
internal sealed class KafkaBenchCounter
{
    private long _runs;
    private long _first;
    private long _last;

    public long Runs => Interlocked.Read(ref _runs);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the first body, or 0 before it ran.</summary>
    public long FirstTimestamp => Interlocked.Read(ref _first);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the latest body.</summary>
    public long LastTimestamp => Interlocked.Read(ref _last);

    public void Ran()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _first, now, 0);
        Interlocked.Exchange(ref _last, now);
        Interlocked.Increment(ref _runs);
    }
}
