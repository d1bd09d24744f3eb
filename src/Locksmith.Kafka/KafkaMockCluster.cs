using Confluent.Kafka;

namespace Locksmith.Kafka;

/// <summary>
/// librdkafka's built-in mock Kafka cluster: brokers speaking the Kafka protocol on 127.0.0.1, inside this process,
/// for development and tests where no real cluster exists. Other processes can reach it through
/// <see cref="BootstrapServers"/> while it lives. It keeps everything in memory, and it does not store offsets sent to
/// a transaction (see <see cref="KafkaQueueOptions.CommitOffsetsPlainly"/>).
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly IProducer<Null, Null> _owner;

    private KafkaMockCluster(IProducer<Null, Null> owner, string bootstrapServers)
    {
        _owner = owner;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The mock brokers' addresses, <c>127.0.0.1:port</c> separated by commas.</summary>
    public string BootstrapServers { get; }

    /// <summary>The client that owns the brokers; tests reach librdkafka's mock API (fault injection) through it.</summary>
    internal Handle Handle => _owner.Handle;

    /// <summary>Starts a mock cluster; it lives until disposed.</summary>
    /// <param name="brokers">How many brokers; topics it creates are replicated over up to 3 of them.</param>
    /// <returns>The running cluster.</returns>
    public static KafkaMockCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var owner = new ProducerBuilder<Null, Null>(new ProducerConfig(new Dictionary<string, string>
        {
            ["test.mock.num.brokers"] = brokers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
            .SetLogHandler((_, _) => { })
            .Build();
        try
        {
            using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            var servers = string.Join(",", metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}"));
            return new KafkaMockCluster(owner, servers);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>Stops the brokers; clients still connected see them go away.</summary>
    public void Dispose() => _owner.Dispose();
}
