using Locksmith.Conformance.Queues;
using Locksmith.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locksmith.Tests.Conformance;

/// <summary>The in-memory transport for the queue suite: one shared transport is the "server", each process its own host.</summary>
public sealed class InMemoryQueueConformanceBackend : QueueConformanceBackend
{
    private readonly InMemoryQueueTransport _transport = new(TimeProvider.System, NullLogger.Instance);

    public override ValueTask<IReadOnlyList<QueueDeadLetter>> DeadLettersAsync(string queue, int partitions, string group) =>
        ValueTask.FromResult<IReadOnlyList<QueueDeadLetter>>(
            [.. _transport.DeadLetters(queue, group).Select(d => new QueueDeadLetter(d.Entry.Message.Id, d.Error.Type, d.Error.Message, d.Error.Attempts))]);

    protected override void Use(LocksmithBuilder builder)
    {
        builder.Services.AddSingleton<IQueueTransport>(_transport);
        builder.UseInMemory();
    }
}

public sealed class InMemoryQueueConformanceTests : QueueConformanceTests
{
    protected override ValueTask<QueueConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<QueueConformanceBackend>(new InMemoryQueueConformanceBackend());
}
