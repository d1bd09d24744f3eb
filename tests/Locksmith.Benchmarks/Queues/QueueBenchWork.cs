using System.Diagnostics;
using Locksmith.Queues;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// The queued methods the queue benchmark calls. The Locksmith generator registers them (the project references it as
/// an analyzer, as the package brings it to users), so consumer processes find them without any hand-written code.
/// </summary>
internal sealed class QueueBenchWork(QueueBenchRecorder recorder)
{
    public const string Queue = "bench";

    public const int Partitions = 8;

    /// <summary>The throughput item: counts itself, and checks that each key's items arrive in order.</summary>
    [QueuedBy(Queue, PartitionKey = "{key}")]
    public Task RecordAsync(string key, int n)
    {
        recorder.Ran(key, n);
        return Task.CompletedTask;
    }

    /// <summary>The latency item: <paramref name="calledAt"/> is the caller's <see cref="Stopwatch.GetTimestamp"/> just before the call.</summary>
    [QueuedBy(Queue, PartitionKey = "{key}")]
    public Task StampAsync(string key, long calledAt)
    {
        recorder.Stamped(Stopwatch.GetElapsedTime(calledAt));
        return Task.CompletedTask;
    }

    /// <summary>
    /// <paramref name="perPartition"/> keys for each of the queue's partitions, partition by partition, so items of
    /// key <c>i</c> go to partition <c>i / perPartition</c> and every partition gets the same share.
    /// </summary>
    public static string[] Keys(int perPartition)
    {
        var byPartition = Enumerable.Range(0, Partitions).Select(_ => new List<string>()).ToArray();
        for (var i = 0; byPartition.Any(p => p.Count < perPartition); i++)
        {
            var key = $"key-{i}";
            var partition = byPartition[QueuePartitioner.For(key, Partitions)];
            if (partition.Count < perPartition)
            {
                partition.Add(key);
            }
        }

        return [.. byPartition.SelectMany(p => p)];
    }
}

/// <summary>What the bodies of one consumer process did; <see cref="Total"/> sums every process of a run.</summary>
internal sealed class QueueBenchRecorder(QueueBenchRecorder? total = null)
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _latencies = [];
    private readonly Dictionary<string, int> _lastByKey = new(StringComparer.Ordinal);
    private long _runs;
    private long _outOfOrder;

    public QueueBenchRecorder? Total { get; } = total;

    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Items whose number was not above the previous one of their key: a repeat or a reordering.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public void Ran(string key, int n)
    {
        bool inOrder;
        lock (_gate)
        {
            inOrder = !_lastByKey.TryGetValue(key, out var last) || n > last;
            _lastByKey[key] = n;
        }

        if (!inOrder)
        {
            Interlocked.Increment(ref _outOfOrder);
        }

        Interlocked.Increment(ref _runs);
        Total?.Ran(key, n);
    }

    public void Stamped(TimeSpan latency)
    {
        lock (_gate)
        {
            _latencies.Add(latency);
        }

        Interlocked.Increment(ref _runs);
    }

    /// <summary>The latencies recorded since the last call, and forgets them.</summary>
    public TimeSpan[] TakeLatencies()
    {
        lock (_gate)
        {
            var taken = _latencies.ToArray();
            _latencies.Clear();
            return taken;
        }
    }
}
