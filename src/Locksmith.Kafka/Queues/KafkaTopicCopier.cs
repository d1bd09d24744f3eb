using Confluent.Kafka;
using Locksmith.Kafka.Internal;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// Reads a range of a topic and writes copies of its records into a queue's topic in one transaction: replay (items
/// again, from a time) and redrive (dead letters back). Kafka cannot rewind one group's offsets while its members run,
/// nor delete a record, so both append copies marked for one group, which runs them even if their ids completed before.
/// </summary>
internal sealed class KafkaTopicCopier(KafkaQueueTransport transport)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Records of <paramref name="topic"/> from the given start offsets up to each partition's end as it is now; with
    /// <paramref name="progressGroup"/>, from that group's committed offsets (the beginning when it has none).
    /// </summary>
    public Range Read(string topic, int partitions, Func<IConsumer<byte[]?, byte[]>, IReadOnlyList<TopicPartition>, IReadOnlyList<TopicPartitionOffset>>? starts, string? progressGroup)
    {
        var reader = transport.Clients.Reader(progressGroup ?? $"{transport.Options.TopicPrefix}reader.{Guid.NewGuid():N}");
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var ends = all.ToDictionary(p => p.Partition.Value, p => reader.QueryWatermarkOffsets(p, Timeout).High.Value);
        var from = starts is not null
            ? starts(reader, all)
            : reader.Committed(all, Timeout).Select(c => c.Offset == Offset.Unset ? new TopicPartitionOffset(c.TopicPartition, Offset.Beginning) : c).ToList();
        // Offset.End (no record after a replay's time) and empty partitions have nothing to read.
        var open = from.Where(f => ends[f.Partition.Value] > 0 && (f.Offset == Offset.Beginning || (f.Offset.Value >= 0 && f.Offset.Value < ends[f.Partition.Value]))).ToList();
        var records = new List<ConsumeResult<byte[]?, byte[]>>();
        if (open.Count > 0)
        {
            reader.Assign(open);
            var remaining = open.Select(o => o.Partition.Value).ToHashSet();
            var deadline = transport.Time.GetUtcNow() + Timeout;
            while (remaining.Count > 0)
            {
                if (transport.Time.GetUtcNow() > deadline)
                {
                    reader.Dispose();
                    throw new LocksmithBackendException($"Reading the Kafka topic \"{topic}\" on {transport.Clients.Servers} did not reach its end within {Timeout.TotalSeconds} s; nothing was copied.");
                }

                if (reader.Consume(100) is { Message: not null } record)
                {
                    records.Add(record);
                }

                // Transaction markers occupy offsets too: a partition is done when the reader's position passed the end.
                remaining.RemoveWhere(p => reader.Position(new TopicPartition(topic, p)).Value >= ends[p]);
            }
        }

        var through = all.Select(p => new TopicPartitionOffset(p, ends[p.Partition.Value])).ToList();
        return new Range(reader, records, through);
    }

    /// <summary>
    /// Writes <paramref name="copies"/> in one transaction; with <paramref name="progress"/>, the range's end offsets are
    /// committed in it too, so a redrive moves each dead letter exactly once even if it is interrupted.
    /// </summary>
    public void Write(IReadOnlyList<(string Topic, Message<byte[]?, byte[]> Record)> copies, Range? progress)
    {
        using var producer = transport.Clients.Producer($"{transport.Options.TopicPrefix}copier.{Guid.NewGuid():N}");
        producer.InitTransactions(Timeout);
        producer.BeginTransaction();
        try
        {
            foreach (var (topic, record) in copies)
            {
                producer.Produce(topic, record);
            }

            if (progress is not null)
            {
                producer.SendOffsetsToTransaction(progress.Through, progress.Reader.ConsumerGroupMetadata, Timeout);
                if (transport.Options.CommitOffsetsPlainly)
                {
                    progress.Reader.Commit(progress.Through);
                }
            }

            producer.CommitTransaction(Timeout);
        }
        catch
        {
            producer.AbortTransaction(Timeout);
            throw;
        }

    }

    /// <summary>What <see cref="Read"/> found; owns the reader until disposed.</summary>
    internal sealed record Range(IConsumer<byte[]?, byte[]> Reader, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> Records, IReadOnlyList<TopicPartitionOffset> Through) : IDisposable
    {
        public void Dispose()
        {
            Reader.Close();
            Reader.Dispose();
        }
    }
}
