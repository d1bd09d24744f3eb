using System.Diagnostics;
using Confluent.Kafka;
using Locksmith.Benchmarks.BulkLoad;
using Locksmith.Kafka;
using Locksmith.Kafka.Internal;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// End-to-end consume throughput over items stored beforehand: one consumer, in a consumer group of its own (a new one
/// per round, so every round reads the same stored items from the beginning). Timed from the first record processed,
/// not from the consumer's start, so joining the group (about 3 s on the mock cluster) is left out of both sides; timed
/// to the moment every partition is committed to its end.
/// </summary>
internal static class KafkaConsumeThroughput
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    /// <summary>
    /// One run: seconds from the consumer's start to its first record (the group join), from the first record to the
    /// last one processed, and from the first record to all committed; records processed beyond the stored ones; CPU
    /// seconds of the whole process (mock brokers included) over the timed part, which tells a consumer that waits on
    /// round trips (well under the cores available) from one that computes.
    /// </summary>
    public sealed record Row(int Items, double JoinSeconds, double ProcessedSeconds, double CommittedSeconds, long Extra, double CpuSeconds)
    {
        public double PerSecond => Items / CommittedSeconds;

        public double CpuMicroseconds => CpuSeconds * 1e6 / Items;

        /// <summary>Cores busy on average over the timed part.</summary>
        public double Cores => CpuSeconds / CommittedSeconds;
    }

    /// <summary>
    /// The raw baseline: a hand-written loop on one <see cref="IConsumer{TKey, TValue}"/> that parses each value, stores
    /// its offset, and commits the stored offsets every 1,000 records or 100 ms, and once more at the end.
    /// </summary>
    public static Task<Row> RawAsync(string servers, string topic, string group, int items, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => RawLoop(servers, topic, group, items, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Locksmith: a consumer process (a container with <c>AddQueueConsumers</c>) in Locksmith group
    /// <paramref name="group"/>, whose woven body counts each item. The probe of its committed offsets is connected before
    /// the consumer starts and polls only once the last body ran, so it does not compete for the cores meanwhile.
    /// </summary>
    public static async Task<Row> LocksmithAsync(KafkaMockCluster cluster, string group, int items, CancellationToken cancellationToken)
    {
        var names = new KafkaNames(new KafkaQueueOptions().TopicPrefix);
        using var probe = await KafkaCommitProbe.StartAsync(
            cluster.BootstrapServers, names.Items(KafkaBenchWork.ConsumeQueue), names.Group(KafkaBenchWork.ConsumeQueue, group), cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await using var consumer = await KafkaBenchProcess.StartAsync(cluster, group);
        var counter = consumer.Counter;
        double? cpuAtFirst = null;
        while (counter.Runs < items)
        {
            // Read within a poll (5 ms) of the first body; reading /proc is cheap enough not to disturb the run.
            cpuAtFirst ??= counter.Runs > 0 ? ToolRun.ReadCpuSeconds(Environment.ProcessId) : null;
            if (Stopwatch.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"The Locksmith consumer ran {counter.Runs} of {items} items in {Deadline.TotalSeconds} s.");
            }

            await Task.Delay(5, cancellationToken);
        }

        cpuAtFirst ??= ToolRun.ReadCpuSeconds(Environment.ProcessId);
        var committed = await probe.WaitAllCommittedAsync(Deadline, cancellationToken);
        var cpu = ToolRun.ReadCpuSeconds(Environment.ProcessId) - cpuAtFirst.Value;

        // Anything run after the stored items is a repeat.
        await Task.Delay(300, cancellationToken);
        var first = counter.FirstTimestamp;
        return new Row(
            items,
            Seconds(started, first),
            Seconds(first, counter.LastTimestamp),
            Seconds(first, committed),
            counter.Runs - items,
            cpu);
    }

    private static Row RawLoop(string servers, string topic, string group, int items, CancellationToken cancellationToken)
    {
        var commitEvery = TimeSpan.FromMilliseconds(100);
        const int CommitAfterRecords = 1_000;
        using var consumer = KafkaRawClients.Consumer(servers, group);
        var started = Stopwatch.GetTimestamp();
        consumer.Subscribe(topic);
        long first = 0, lastCommit = 0;
        int processed = 0, sinceCommit = 0;
        long checksum = 0;
        var cpuAtFirst = 0.0;
        while (processed < items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Stopwatch.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"The raw consumer processed {processed} of {items} records in {Deadline.TotalSeconds} s.");
            }

            var record = consumer.Consume(100);
            if (record is { Message: not null })
            {
                if (processed == 0)
                {
                    first = lastCommit = Stopwatch.GetTimestamp();
                    cpuAtFirst = ToolRun.ReadCpuSeconds(Environment.ProcessId);
                }

                checksum += KafkaRawClients.Read(record.Message.Value);
                consumer.StoreOffset(record);
                processed++;
                sinceCommit++;
            }

            if (sinceCommit >= CommitAfterRecords || (sinceCommit > 0 && Stopwatch.GetElapsedTime(lastCommit) >= commitEvery))
            {
                consumer.Commit();
                sinceCommit = 0;
                lastCommit = Stopwatch.GetTimestamp();
            }
        }

        var last = Stopwatch.GetTimestamp();
        if (sinceCommit > 0)
        {
            consumer.Commit();
        }

        var committed = Stopwatch.GetTimestamp();
        var cpu = ToolRun.ReadCpuSeconds(Environment.ProcessId) - cpuAtFirst;
        GC.KeepAlive(checksum);

        // The same check as Locksmith's: the group's offsets, read from outside, reach every partition's end.
        var ends = KafkaCommitProbe.Ends(consumer, servers, topic);
        var offsets = consumer.Committed([.. ends.Keys], TimeSpan.FromSeconds(10));
        if (offsets.Any(o => o.Offset.Value < ends[o.TopicPartition]))
        {
            throw new InvalidOperationException($"The raw consumer's commits fall short of {topic}'s end: {string.Join(", ", offsets)}.");
        }

        consumer.Close();
        return new Row(items, Seconds(started, first), Seconds(first, last), Seconds(first, committed), Extra: 0, cpu);
    }

    private static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;
}
