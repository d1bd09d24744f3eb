using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Locksmith.Kafka.Internal;

/// <summary>
/// Builds every Kafka client Locksmith uses, with the user's <see cref="KafkaQueueOptions.ClientSettings"/> first and the
/// settings correctness depends on (acks, idempotence, read_committed, manual commits) over them.
/// </summary>
internal sealed class KafkaClients(KafkaQueueOptions options, ILogger logger)
{
    /// <summary>How long a transaction may stay open before the coordinator aborts it (transaction.timeout.ms).</summary>
    public static readonly TimeSpan TransactionTimeout = TimeSpan.FromSeconds(60);

    public KafkaQueueOptions Options { get; } = options;

    public string Servers => Options.BootstrapServers;

    /// <summary>The producer of enqueues: idempotent with acks=all, so a retried send is stored once; keys hashed as Java clients do.</summary>
    public IProducer<byte[]?, byte[]> Producer(string? transactionalId = null)
    {
        var config = new ProducerConfig(Base())
        {
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = (int)Options.DeliveryTimeout.TotalMilliseconds,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 2,
        };
        if (transactionalId is not null)
        {
            config.TransactionalId = transactionalId;
            config.TransactionTimeoutMs = (int)TransactionTimeout.TotalMilliseconds;
        }

        return new ProducerBuilder<byte[]?, byte[]>(config).SetLogHandler(Log).SetErrorHandler(Error).Build();
    }

    /// <summary>A group member: offsets committed only by Locksmith, after bodies finish; aborted transactions never seen.</summary>
    public ConsumerBuilder<byte[]?, byte[]> GroupConsumer(string groupId, QueueOptions queue)
    {
        var session = (int)Math.Max(queue.VisibilityTimeout.TotalMilliseconds, 1000);
        var config = new ConsumerConfig(Base())
        {
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = session,
            HeartbeatIntervalMs = Math.Max(session / 4, 100),
            TopicMetadataRefreshIntervalMs = 5_000,
            AllowAutoCreateTopics = true,
        };
        return new ConsumerBuilder<byte[]?, byte[]>(config).SetLogHandler(Log).SetErrorHandler(Error);
    }

    /// <summary>A reader of explicitly assigned partitions (replies, replay, dead letters); commits only when told to.</summary>
    public IConsumer<byte[]?, byte[]> Reader(string groupId)
    {
        var config = new ConsumerConfig(Base())
        {
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AllowAutoCreateTopics = true,
            FetchWaitMaxMs = 10,
        };
        return new ConsumerBuilder<byte[]?, byte[]>(config).SetLogHandler(Log).SetErrorHandler(Error).Build();
    }

    private Dictionary<string, string> Base()
    {
        var settings = new Dictionary<string, string>(Options.ClientSettings, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = Options.BootstrapServers,
            ["client.id"] = "locksmith-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        };
        return settings;
    }

    private void Log<TClient>(TClient client, LogMessage message) =>
        KafkaLog.ClientLogged(logger, message.Level <= SyslogLevel.Error ? LogLevel.Warning : LogLevel.Debug, message.Facility, message.Message);

    private void Error<TClient>(TClient client, Error error) =>
        KafkaLog.ClientError(logger, error.IsFatal ? LogLevel.Error : LogLevel.Debug, error.Code, error.Reason);
}
