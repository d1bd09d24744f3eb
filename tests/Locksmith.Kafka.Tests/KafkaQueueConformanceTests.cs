using Locksmith.Conformance;
using Locksmith.Conformance.Queues;
using Locksmith.Kafka.Queues;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locksmith.Kafka.Tests;

/// <summary>
/// The Kafka transport for the queue suite: a fresh 3-broker mock cluster per test, every queue routed to Kafka, while
/// locks stay in memory; dead letters are read back from the dead-letter topic.
/// </summary>
public sealed class KafkaQueueConformanceBackend : QueueConformanceBackend
{
    private readonly KafkaMockCluster _cluster = KafkaMockCluster.Start();
    private readonly KafkaQueueTransport _reader;

    public KafkaQueueConformanceBackend()
    {
        _reader = new KafkaQueueTransport(new KafkaQueueOptions { BootstrapServers = _cluster.BootstrapServers }, TimeProvider.System, NullLogger.Instance);
    }

    public override async ValueTask<IReadOnlyList<QueueDeadLetter>> DeadLettersAsync(string queue, int partitions, string group) =>
        [.. (await _reader.ReadDeadLettersAsync(queue, group)).Select(d => new QueueDeadLetter(d.Message.Id, d.Error.Type, d.Error.Message, d.Error.Attempts))];

    public override async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _cluster.Dispose();
        await base.DisposeAsync();
    }

    protected override void Use(LocksmithBuilder builder) =>
        builder.UseInMemory()
            .UseKafkaMock(_cluster)
            .ConfigureQueueDefaults(o => o.Defaults = o.Defaults with { Transport = LocksmithBuilderKafkaExtensions.TransportName });
}

public sealed class KafkaQueueConformanceTests : QueueConformanceTests
{
    protected override ValueTask<QueueConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<QueueConformanceBackend>(new KafkaQueueConformanceBackend());
}

public sealed class KafkaConformanceMatrixTests
{
    [Fact]
    public void The_queue_suite_runs_on_Kafka() =>
        Assert.Empty(ConformanceMatrix.MissingQueueSuites(typeof(KafkaConformanceMatrixTests).Assembly, "Kafka"));
}
