using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// The chaos queue's dead letters as the Kafka cluster holds them. A consumer writes its dead-letter log event only
/// after the transaction that wrote the dead letter committed, so one killed in between leaves a dead letter no log
/// mentions; reading the topic closes that gap. (The mock also shows aborted transactions' records, which only ever
/// carry items whose body failed MaxAttempts times, so they cannot pass for a wrong dead letter.)
/// </summary>
internal static class KafkaDeadLetterTopic
{
    public static List<QueueEvent> Read(string bootstrapServers, string queue)
    {
        var topic = $"locksmith.{queue}.dead";
        var events = new List<QueueEvent>();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5));
        var partitions = metadata.Topics.SingleOrDefault(t => t.Topic == topic && !t.Error.IsError)?.Partitions;
        if (partitions is null || partitions.Count == 0)
        {
            return events;
        }

        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "chaos-dead-letter-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = IsolationLevel.ReadCommitted,
        }).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        var open = partitions.Count;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (open > 0 && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            if (record.IsPartitionEOF)
            {
                open--;
                continue;
            }

            string? Header(string name) => record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;
            events.Add(new QueueEvent
            {
                Kind = QueueEventKinds.DeadLettered,
                Client = "dead-letter topic",
                At = Mono.NowUs(),
                ItemId = Header("ls-id"),
                Queue = queue,
                Group = Header("ls-group"),
                Attempt = int.TryParse(Header("ls-attempts"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
            });
        }

        return events;
    }
}
