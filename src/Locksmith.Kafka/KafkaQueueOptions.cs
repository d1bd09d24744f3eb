namespace Locksmith.Kafka;

/// <summary>
/// Settings of the Kafka queue transport, set in <c>b.UseKafka(servers, k => ...)</c>. Queue semantics (attempts,
/// backoff, groups) stay in <see cref="QueueOptions"/>; these say how to reach the cluster and name things on it.
/// </summary>
public sealed class KafkaQueueOptions
{
    /// <summary>The brokers to bootstrap from, <c>host:port</c> separated by commas.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// Prepended to every topic and consumer group Locksmith names: queue <c>orders</c> is the topic
    /// <c>locksmith.orders</c>, its dead letters <c>locksmith.orders.dead</c>, group <c>default</c> is
    /// <c>locksmith.orders.default</c>. Defaults to <c>"locksmith."</c>.
    /// </summary>
    public string TopicPrefix { get; set; } = "locksmith.";

    /// <summary>
    /// Extra librdkafka settings applied to every client Locksmith creates (security, SASL, client.rack...), for example
    /// <c>["security.protocol"] = "SASL_SSL"</c>. Locksmith's own settings (acks, idempotence, isolation) win over these.
    /// </summary>
    public IDictionary<string, string> ClientSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// How long an enqueue waits for the brokers' acknowledgement, retries included, before it fails with a
    /// <see cref="LocksmithBackendException"/> (librdkafka's <c>message.timeout.ms</c>). Defaults to 30 seconds.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many fetched items a partition may hold waiting for its body before the consumer pauses fetching it, so a
    /// slow body does not buffer the whole topic in memory; fetching resumes below half. A pause makes librdkafka drop
    /// what it prefetched for the partition, so the limit sits well above a fetch's worth. Defaults to 20,000.
    /// </summary>
    public int MaxBufferedPerPartition { get; set; } = 20_000;

    /// <summary>
    /// Also commits a transaction's offsets with a plain offset commit, inside the transaction just before it commits.
    /// Needed on librdkafka's mock cluster only, which accepts offsets sent to a transaction without storing them; on a
    /// real cluster the transaction alone commits them. Done before the transaction's commit, a plain commit the group
    /// refuses (a rebalance in progress, a stale generation) aborts the transaction, as the transactional offset commit
    /// would on a real cluster: the chained calls are never published without their offsets. <c>UseKafkaMock</c> sets
    /// it. Defaults to false.
    /// </summary>
    public bool CommitOffsetsPlainly { get; set; }

    /// <summary>
    /// Set by <c>UseKafkaMock</c>: the mock cluster cannot look offsets up by time, so a replay from a time scans each
    /// partition from its beginning instead (filtering by record time either way).
    /// </summary>
    internal bool OnMockCluster { get; set; }

    /// <summary>Test hook: a partition was paused (true) or resumed (false) for backpressure, with the records it held.</summary>
    internal Action<int, bool, int>? OnBackpressure { get; set; }

    /// <summary>Test hook: runs before a transaction begins, with how many items it carries; throwing fails the commit with nothing written.</summary>
    internal Action<int>? BeforeTransaction { get; set; }

    /// <summary>
    /// How long one call of the transactional producer (commit, abort, sending offsets) may block the poll thread before
    /// it returns a retriable timeout. Internal so tests can make a slow coordinator time out quickly. Defaults to 30 seconds.
    /// </summary>
    internal TimeSpan TransactionCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Test hook: runs just before a transaction commits, with how many items it carries; throwing aborts it.</summary>
    internal Action<int>? BeforeCommitTransaction { get; set; }

    internal IEnumerable<string> GetProblems()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            yield return "KafkaQueueOptions.BootstrapServers is empty; pass the brokers as \"host:port[,host:port]\" to UseKafka, or use UseKafkaMock for development.";
        }

        if (TopicPrefix is null || !TopicPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"KafkaQueueOptions.TopicPrefix \"{TopicPrefix}\" may only contain ASCII letters, digits, '-', '_' and '.', as Kafka topic names do.";
        }

        if (DeliveryTimeout <= TimeSpan.Zero || DeliveryTimeout > TimeSpan.FromDays(1))
        {
            yield return $"KafkaQueueOptions.DeliveryTimeout is {DeliveryTimeout}; it must be positive and at most a day.";
        }

        if (MaxBufferedPerPartition < 1)
        {
            yield return $"KafkaQueueOptions.MaxBufferedPerPartition is {MaxBufferedPerPartition}; it must be at least 1.";
        }
    }
}
