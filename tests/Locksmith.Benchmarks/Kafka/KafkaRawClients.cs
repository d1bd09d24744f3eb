using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// The raw Confluent.Kafka baseline: what an application writes by hand for the same job. The producer has the settings
/// of Locksmith's enqueue producer (<c>KafkaClients.Producer</c>: acks=all, idempotence, murmur2 partitioner, 2 ms
/// linger, 30 s delivery timeout), so the comparison is of the code around the client, not of client settings.
/// </summary>
internal static class KafkaRawClients
{
    public static IProducer<byte[]?, byte[]> Producer(string servers) =>
        new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = servers,
            ClientId = "raw-bench",
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = 30_000,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 2,
        })
            .SetLogHandler((_, _) => { })
            .Build();

    /// <summary>A group member that commits only what it processed (stored offsets), and never sees aborted records.</summary>
    public static IConsumer<byte[]?, byte[]> Consumer(string servers, string group) =>
        new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = servers,
            ClientId = "raw-bench",
            GroupId = group,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
        })
            .SetLogHandler((_, _) => { })
            .Build();

    /// <summary>A client of <paramref name="group"/> that never joins it: it only reads the group's committed offsets.</summary>
    public static IConsumer<byte[]?, byte[]> OffsetReader(string servers, string group) =>
        new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig { BootstrapServers = servers, ClientId = "raw-bench-offsets", GroupId = group, EnableAutoCommit = false })
            .SetLogHandler((_, _) => { })
            .Build();

    /// <summary>
    /// The record a hand-written producer sends for item <paramref name="n"/> of <paramref name="key"/>: the key as the
    /// record key and the same JSON Locksmith writes for <c>SendAsync(key, n)</c>'s arguments, <c>["key-7",123]</c>.
    /// Locksmith's record also carries two headers (item id and method id); they are part of what it costs.
    /// </summary>
    public static Message<byte[]?, byte[]> Record(string key, int n) => new()
    {
        Key = Encoding.UTF8.GetBytes(key),
        Value = Encoding.UTF8.GetBytes($"[\"{key}\",{n}]"),
    };

    /// <summary>The raw consumer's per-record work, the counterpart of Locksmith reading the arguments to call the body.</summary>
    public static int Read(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        return root[0].GetString()!.Length + root[1].GetInt32();
    }
}
