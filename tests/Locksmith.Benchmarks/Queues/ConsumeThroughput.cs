using System.Diagnostics;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// Consume throughput with K consumer processes, over 64 keys (8 per partition, each key's items numbered in order).
/// Stored first: a producer stores every item, then the consumers start at once; timed from their start to the last
/// body, so it includes taking the partitions and the group's rebalancing. Settled: the consumers share the partitions
/// first, then the items are enqueued. The steady rate (10% to 90% of the items) leaves the start and the tail out.
/// </summary>
internal static class ConsumeThroughput
{
    /// <summary>
    /// One run: seconds from starting the consumers to the last body, the steady rate, when the first body ran, how
    /// many items each consumer ran, and items run out of key order or more than once (both must be 0).
    /// </summary>
    public sealed record Row(int Consumers, int Items, double Seconds, double SteadyPerSecond, double FirstBodyMs, string Shares, long OutOfOrder, long Extra)
    {
        public double PerSecond => Items / Seconds;
    }

    /// <summary>The items are stored first; then <paramref name="consumers"/> processes start at once.</summary>
    public static async Task<Row> StoredFirstAsync(string endPoint, int consumers, int itemsPerKey)
    {
        // A fresh key prefix per run, so every run starts from empty streams and a group with no members.
        var prefix = $"qc{consumers}:";
        var keys = QueueBenchWork.Keys(8);
        await using (var producer = await QueueBenchProcess.StartAsync(endPoint, prefix, consume: false))
        {
            await EnqueueAllAsync(producer, keys, itemsPerKey);
        }

        var total = new QueueBenchRecorder();
        var clock = Stopwatch.StartNew();
        var processes = await Task.WhenAll(Enumerable.Range(0, consumers).Select(_ => QueueBenchProcess.StartAsync(endPoint, prefix, consume: true, total)));
        try
        {
            return await MeasureAsync(processes, total, keys.Length * itemsPerKey, clock);
        }
        finally
        {
            await StopAsync(processes);
        }
    }

    /// <summary>
    /// <paramref name="consumers"/> processes start on an empty queue and are given time to share its partitions; then a
    /// producer enqueues the items with 64 callers, timed from the first enqueue to the last body. The producer runs on
    /// the same cores, so this is end-to-end throughput, limited by the slower side.
    /// </summary>
    public static async Task<Row> SettledAsync(string endPoint, int consumers, int itemsPerKey)
    {
        var prefix = $"qs{consumers}:";
        var keys = QueueBenchWork.Keys(8);
        var total = new QueueBenchRecorder();
        var processes = await Task.WhenAll(Enumerable.Range(0, consumers).Select(_ => QueueBenchProcess.StartAsync(endPoint, prefix, consume: true, total)));
        try
        {
            // The group rebalances once a second: the first consumer takes every partition, later ones get their share
            // at the next rounds, once the first has given the extra ones back.
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            await using var producer = await QueueBenchProcess.StartAsync(endPoint, prefix, consume: false);
            var clock = Stopwatch.StartNew();
            var enqueueing = EnqueueAllAsync(producer, keys, itemsPerKey);
            var row = await MeasureAsync(processes, total, keys.Length * itemsPerKey, clock);
            await enqueueing;
            return row;
        }
        finally
        {
            await StopAsync(processes);
        }
    }

    private static async Task EnqueueAllAsync(QueueBenchProcess producer, string[] keys, int itemsPerKey)
    {
        using var flow = producer.Runtime.ActivateForCurrentFlow();
        var work = producer.Work;
        await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            for (var n = 0; n < itemsPerKey; n++)
            {
                await work.RecordAsync(key, n);
            }
        })));
    }

    private static async Task<Row> MeasureAsync(QueueBenchProcess[] processes, QueueBenchRecorder total, int items, Stopwatch clock)
    {
        TimeSpan? first = null, tenth = null, ninetieth = null;
        var deadline = TimeSpan.FromSeconds(120);
        while (total.Runs < items)
        {
            var runs = total.Runs;
            first ??= runs > 0 ? clock.Elapsed : null;
            tenth ??= runs >= items / 10 ? clock.Elapsed : null;
            ninetieth ??= runs >= items * 9 / 10 ? clock.Elapsed : null;
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"{processes.Length} consumer(s) ran {runs} of {items} items in {deadline.TotalSeconds} s.");
            }

            await Task.Delay(1);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        first ??= clock.Elapsed;
        tenth ??= clock.Elapsed;
        ninetieth ??= clock.Elapsed;

        // Anything a consumer runs after the last item is a repeat.
        await Task.Delay(300);
        var steady = items * 0.8 / Math.Max(1e-3, (ninetieth.Value - tenth.Value).TotalSeconds);
        return new Row(processes.Length, items, seconds, steady, first.Value.TotalMilliseconds,
            string.Join(" / ", processes.Select(p => p.Recorder.Runs)), total.OutOfOrder, total.Runs - items);
    }

    private static async Task StopAsync(QueueBenchProcess[] processes)
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }
}
