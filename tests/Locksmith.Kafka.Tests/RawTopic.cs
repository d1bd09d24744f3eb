using Confluent.Kafka;

namespace Locksmith.Kafka.Tests;

/// <summary>Reads a topic with a plain Confluent.Kafka consumer, to check what Locksmith wrote as any Kafka client sees it.</summary>
internal static class RawTopic
{
    /// <summary>Every record, once <paramref name="expected"/> arrived and nothing more came for <paramref name="quiet"/> (or after 10 s).</summary>
    public static List<ConsumeResult<string?, byte[]>> Read(KafkaMockCluster cluster, string topic, IsolationLevel isolation, int expected, TimeSpan quiet)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "raw-" + Guid.NewGuid().ToString("N"),
            IsolationLevel = isolation,
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<string?, byte[]>>();
        var idleSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && (records.Count < expected || DateTime.UtcNow - idleSince < quiet))
        {
            if (consumer.Consume(50) is { Message: not null } record)
            {
                records.Add(record);
                idleSince = DateTime.UtcNow;
            }
        }

        return records;
    }

    public static string? Header(ConsumeResult<string?, byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
