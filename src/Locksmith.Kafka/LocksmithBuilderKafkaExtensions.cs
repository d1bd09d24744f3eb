using Locksmith.Backends;
using Locksmith.Kafka;
using Locksmith.Kafka.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith;

/// <summary>
/// Adds the Kafka queue transport in <c>services.AddLocksmith(b => b.UseKafka(...))</c>. It sits beside the lock backend
/// (Redis, Redlock or in-memory): queues routed to it with <c>ConfigureQueue(name, q => q with { Transport = "kafka" })</c>
/// travel on Kafka; locks, semaphores and other queues stay where they were. The <c>[QueuedBy]</c> attribute does not change.
/// </summary>
public static class LocksmithBuilderKafkaExtensions
{
    /// <summary>The transport's name, for <see cref="QueueOptions.Transport"/>: <c>"kafka"</c>.</summary>
    public const string TransportName = "kafka";

    /// <summary>Uses the Kafka cluster at <paramref name="bootstrapServers"/> for queues routed to <see cref="TransportName"/>.</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="bootstrapServers">The brokers, <c>host:port</c> separated by commas.</param>
    /// <param name="configure">Changes the transport's settings (topic prefix, client settings such as security).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid; the message names each one and its fix.</exception>
    public static LocksmithBuilder UseKafka(this LocksmithBuilder builder, string bootstrapServers, Action<KafkaQueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new KafkaQueueOptions { BootstrapServers = bootstrapServers };
        configure?.Invoke(options);
        return Register(builder, options, ownedCluster: null);
    }

    /// <summary>
    /// Uses librdkafka's mock Kafka cluster (brokers on 127.0.0.1 inside this process), for development and tests
    /// without Kafka: a new one of 3 brokers, owned by the container, or <paramref name="cluster"/>, which the caller
    /// started and owns so that several containers (simulated processes) can share it. Its data lives in memory.
    /// </summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="cluster">A running mock cluster to share, or null to start one.</param>
    /// <param name="configure">Changes the transport's settings.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder UseKafkaMock(this LocksmithBuilder builder, KafkaMockCluster? cluster = null, Action<KafkaQueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var owned = cluster is null ? KafkaMockCluster.Start() : null;
        var options = new KafkaQueueOptions { BootstrapServers = (cluster ?? owned)!.BootstrapServers, CommitOffsetsPlainly = true, OnMockCluster = true };
        configure?.Invoke(options);
        return Register(builder, options, owned);
    }

    private static LocksmithBuilder Register(LocksmithBuilder builder, KafkaQueueOptions options, KafkaMockCluster? ownedCluster)
    {
        var problems = options.GetProblems().ToList();
        if (problems.Count > 0)
        {
            ownedCluster?.Dispose();
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        return builder.AddQueueTransport(TransportName, sp => new KafkaQueueTransport(
            options, sp.GetRequiredService<TimeProvider>(), LocksmithLogging.CreateLogger(sp), ownedCluster));
    }
}
