namespace Locksmith.Queues;

/// <summary>
/// Where queued calls travel: Redis Streams, Kafka, or memory. The weaving and the consumers' dispatch are the same for
/// every transport; a transport stores items durably, hands each to one consumer of each group in partition order, and
/// commits an attempt's outcome (acknowledgement, chained calls, reply, dead letter) atomically.
/// </summary>
public interface IQueueTransport
{
    /// <summary>The transport's name, used in messages.</summary>
    string Name { get; }

    /// <summary>Stores <paramref name="message"/>; completes once the backend has acknowledged it.</summary>
    /// <param name="message">The item.</param>
    /// <param name="options">The queue's settings.</param>
    /// <param name="cancellationToken">Stops waiting; the item may or may not have been stored.</param>
    /// <returns>A task that completes when the item is stored.</returns>
    ValueTask EnqueueAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="message"/> and waits for a consumer's reply.</summary>
    /// <param name="message">The item, with <see cref="QueueMessage.ReplyRequested"/> set.</param>
    /// <param name="options">The queue's settings.</param>
    /// <param name="cancellationToken">Stops waiting for the reply; the item stays queued and still runs.</param>
    /// <returns>The reply.</returns>
    ValueTask<QueueReply> EnqueueAndWaitAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken);

    /// <summary>Starts consuming the given queues; disposing the result stops, waits for running bodies and gives partitions back.</summary>
    /// <param name="consumption">The queues, their settings and the handler that runs items.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>The running consumer.</returns>
    ValueTask<IAsyncDisposable> StartConsumingAsync(QueueConsumption consumption, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers a queue's items again to a consumer group, from <paramref name="from"/> on, including items the group
    /// already completed (the group's completion records are forgotten; other groups are not touched). Items trimmed by
    /// retention cannot be replayed.
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="options">The queue's settings; <see cref="QueueOptions.Group"/> names the group.</param>
    /// <param name="from">Where to start.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when every partition has been rewound.</returns>
    ValueTask ReplayAsync(string queue, QueueOptions options, QueuePosition from, CancellationToken cancellationToken);

    /// <summary>
    /// Moves one consumer group's dead letters of a queue back to the end of their partitions, to be tried again with a
    /// fresh attempt count (after the cause is fixed) by that group only: other groups, which ran the items already,
    /// skip the copies. Each item moves atomically: it is never in both places or in neither.
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="options">The queue's settings; <see cref="QueueOptions.Group"/> names the group.</param>
    /// <param name="cancellationToken">Stops between items; those moved stay moved.</param>
    /// <returns>How many items were moved.</returns>
    ValueTask<long> RedriveDeadLettersAsync(string queue, QueueOptions options, CancellationToken cancellationToken);
}
