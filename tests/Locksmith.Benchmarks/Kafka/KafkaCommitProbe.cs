using System.Diagnostics;
using Confluent.Kafka;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// Watches a consumer group's committed offsets from outside the group: done when every partition of the topic is
/// committed up to its end. Used for Locksmith's consumer, whose commits happen inside it. Prepared before the timed
/// part (its client connected, the coordinator found, the topic's ends read: the items are all stored by then), so
/// waiting costs only an offset fetch per poll, not a new client's start-up of a few hundred milliseconds.
/// </summary>
internal sealed class KafkaCommitProbe : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<byte[]?, byte[]> _reader;
    private readonly Dictionary<TopicPartition, long> _ends;
    private readonly string _group;

    private KafkaCommitProbe(IConsumer<byte[]?, byte[]> reader, Dictionary<TopicPartition, long> ends, string group)
    {
        _reader = reader;
        _ends = ends;
        _group = group;
    }

    /// <summary>Connects a reader of <paramref name="group"/>'s offsets on <paramref name="topic"/>, which must hold all its records already.</summary>
    public static Task<KafkaCommitProbe> StartAsync(string servers, string topic, string group, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var reader = KafkaRawClients.OffsetReader(servers, group);
                try
                {
                    var ends = Ends(reader, servers, topic);
                    reader.Committed([.. ends.Keys], Timeout);
                    return new KafkaCommitProbe(reader, ends, group);
                }
                catch
                {
                    reader.Dispose();
                    throw;
                }
            },
            cancellationToken);

    /// <summary>How many records each partition of <paramref name="topic"/> holds: its end offset, the last commit's target.</summary>
    public static Dictionary<TopicPartition, long> Ends(IConsumer<byte[]?, byte[]> reader, string servers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).SetLogHandler((_, _) => { }).Build();
        var partitions = admin.GetMetadata(topic, Timeout).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId));
        return partitions.ToDictionary(p => p, p => reader.QueryWatermarkOffsets(p, Timeout).High.Value);
    }

    /// <summary>
    /// Polls every 2 ms until the group has committed the whole topic; returns the <see cref="Stopwatch.GetTimestamp"/>
    /// when it saw so, at most a poll plus an offset fetch after the commit.
    /// </summary>
    public Task<long> WaitAllCommittedAsync(TimeSpan deadline, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var clock = Stopwatch.StartNew();
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var committed = _reader.Committed([.. _ends.Keys], Timeout);
                    if (committed.All(c => c.Offset.Value >= _ends[c.TopicPartition]))
                    {
                        return Stopwatch.GetTimestamp();
                    }

                    if (clock.Elapsed > deadline)
                    {
                        throw new TimeoutException(
                            $"Group {_group} committed {string.Join(", ", committed.Select(c => $"{c.Partition.Value}:{c.Offset.Value}/{_ends[c.TopicPartition]}"))} after {deadline.TotalSeconds} s.");
                    }

                    Thread.Sleep(2);
                }
            },
            cancellationToken);

    public void Dispose() => _reader.Dispose();
}
