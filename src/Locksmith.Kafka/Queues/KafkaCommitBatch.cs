using Confluent.Kafka;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// One commit: the offsets it moves and the finished records below them. Only those records' outcomes are written with
/// it, so a transaction never publishes a chained call, reply or dead letter without committing its record's offset
/// (which would let the partition's next owner run the record again and publish a second copy).
/// </summary>
internal sealed class KafkaCommitBatch
{
    private readonly Dictionary<int, long> _offsets;

    public KafkaCommitBatch(IReadOnlyList<TopicPartitionOffset> offsets, IEnumerable<KafkaCompletion> finished)
    {
        Offsets = offsets;
        _offsets = offsets.ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
        Completions = [.. finished.Where(Covers)];
        Writes = [.. Completions.Where(c => c.Produces)];
    }

    public IReadOnlyList<TopicPartitionOffset> Offsets { get; }

    /// <summary>The finished records whose offsets this commit moves past.</summary>
    public IReadOnlyList<KafkaCompletion> Completions { get; }

    /// <summary>Those of them whose outcome writes records, which needs a transaction.</summary>
    public IReadOnlyList<KafkaCompletion> Writes { get; }

    /// <summary>Whether committing moves <paramref name="completion"/>'s partition past it.</summary>
    public bool Covers(KafkaCompletion completion) =>
        _offsets.TryGetValue(completion.Partition, out var offset) && completion.Offset < offset;
}
