using System.Diagnostics;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// Enqueue-to-body-start latency: a producer process calls <see cref="QueueBenchWork.StampAsync"/> one item at a time
/// on a fixed schedule, passing <see cref="Stopwatch.GetTimestamp"/>; the body in a consumer process records the time
/// since. A busy queue (an item every 2 ms) measures reads that follow wake-up notices and the short polls after them;
/// an idle one (an item every 50 ms) measures the wake-up path alone, since by then the consumer's poll has backed off.
/// </summary>
internal static class EnqueueLatency
{
    /// <summary>Latencies of one schedule, in milliseconds, and the rate the schedule actually kept.</summary>
    public sealed record Row(string Schedule, int Items, double P50, double P99, double Max, double PerSecond);

    public static async Task<IReadOnlyList<Row>> RunAsync(string endPoint, bool quick)
    {
        await using var consumer = await QueueBenchProcess.StartAsync(endPoint, "qlat:", consume: true);
        await using var producer = await QueueBenchProcess.StartAsync(endPoint, "qlat:", consume: false);
        using var flow = producer.Runtime.ActivateForCurrentFlow();
        var onePerPartition = QueueBenchWork.Keys(1);
        var busy = TimeSpan.FromMilliseconds(2);
        var idle = TimeSpan.FromMilliseconds(50);

        // Warm-up: the consumer takes its partitions, and every path is compiled, before anything is recorded.
        await ScheduleAsync("warm-up", producer, consumer.Recorder, 200, busy, i => onePerPartition[i % onePerPartition.Length]);
        return
        [
            await ScheduleAsync("every 2 ms, 8 keys (each partition every 16 ms)", producer, consumer.Recorder, quick ? 500 : 2_000, busy, i => onePerPartition[i % onePerPartition.Length]),
            await ScheduleAsync("every 2 ms, 1 key (one partition)", producer, consumer.Recorder, quick ? 500 : 2_000, busy, _ => onePerPartition[0]),
            await ScheduleAsync("every 50 ms, 1 key (idle between items)", producer, consumer.Recorder, quick ? 40 : 100, idle, _ => onePerPartition[0]),
        ];
    }

    private static async Task<Row> ScheduleAsync(
        string schedule, QueueBenchProcess producer, QueueBenchRecorder consumed, int items, TimeSpan interval, Func<int, string> key)
    {
        var work = producer.Work;
        var target = consumed.Runs + items;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < items; i++)
        {
            // Keep to the schedule on average: a late timer shortens the next wait instead of slowing the rate.
            var wait = (interval * i) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await work.StampAsync(key(i), Stopwatch.GetTimestamp());
        }

        var perSecond = items / clock.Elapsed.TotalSeconds;
        await Locksmith.Testing.Eventually.UntilAsync(() => consumed.Runs >= target, TimeSpan.FromSeconds(30), $"{items} items ({schedule})", TimeSpan.FromMilliseconds(5));
        var latencies = consumed.TakeLatencies().Select(l => l.TotalMilliseconds).Order().ToArray();
        return new Row(schedule, items, QueueBenchmark.Percentile(latencies, 0.50), QueueBenchmark.Percentile(latencies, 0.99), latencies[^1], perSecond);
    }
}
