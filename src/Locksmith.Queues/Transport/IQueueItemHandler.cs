namespace Locksmith.Queues;

/// <summary>Runs one attempt at a queued item: reads its arguments, runs the method body, captures what it produced.</summary>
public interface IQueueItemHandler
{
    /// <summary>Runs <paramref name="delivery"/> once; never throws for the body's failures, which are returned.</summary>
    /// <param name="delivery">The item and attempt.</param>
    /// <param name="cancellationToken">Passed to the body; fires when the consumer stops or loses the partition.</param>
    /// <returns>How the attempt ended.</returns>
    ValueTask<QueueItemOutcome> HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken);
}
