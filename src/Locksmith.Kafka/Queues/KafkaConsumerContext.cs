using System.Collections.Concurrent;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;
using Microsoft.Extensions.Logging;

namespace Locksmith.Kafka.Queues;

/// <summary>What one queue's consumer shares with its partition workers.</summary>
internal sealed class KafkaConsumerContext(KafkaQueueTransport transport, string queue, QueueOptions options, IQueueItemHandler handler)
{
    private Exception? _failure;

    public string Queue { get; } = queue;

    public QueueOptions Options { get; } = options;

    public IQueueItemHandler Handler { get; } = handler;

    public KafkaQueueTransport Transport { get; } = transport;

    public TimeProvider Time => Transport.Time;

    public ILogger Logger => Transport.Logger;

    /// <summary>Finished records, in each partition's order, for the poll thread to commit.</summary>
    public ConcurrentQueue<KafkaCompletion> Completed { get; } = new();

    /// <summary>Survives the consumer's restarts, so a copy is still recognised after one.</summary>
    public CompletedIds CompletedIds { get; } = new(transport.Time, options.CompletedIdRetention);

    /// <summary>Limits bodies across partitions when <see cref="QueueOptions.MaxConcurrency"/> is set.</summary>
    public SemaphoreSlim? Concurrency { get; } = options.MaxConcurrency > 0 ? new SemaphoreSlim(options.MaxConcurrency) : null;

    /// <summary>A worker's failure, rethrown on the poll thread.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    public void Fail(Exception exception) => Interlocked.CompareExchange(ref _failure, exception, null);

    public void ClearFailure() => Volatile.Write(ref _failure, null);

    /// <summary>Makes sure every topic the commit writes to exists, before the transaction (which cannot wait for metadata).</summary>
    public async Task EnsureTopicsAsync(QueueMessage message, QueueItemOutcome outcome)
    {
        var names = Transport.Names;
        if (message.ReplyRequested)
        {
            await Transport.Topics.PartitionsAsync(names.Replies).ConfigureAwait(false);
        }

        if (!outcome.Succeeded)
        {
            await Transport.Topics.PartitionsAsync(names.Dead(Queue)).ConfigureAwait(false);
            return;
        }

        foreach (var call in outcome.Chained)
        {
            await Transport.Topics.PartitionsAsync(names.Items(call.Message.Queue)).ConfigureAwait(false);
        }
    }
}
