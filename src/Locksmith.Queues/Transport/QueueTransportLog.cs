using Microsoft.Extensions.Logging;

namespace Locksmith.Queues;

/// <summary>
/// The events every queue transport reports the same way (partitions taken and left, attempts failed, items
/// dead-lettered), with stable ids so alerts match whichever transport a queue runs on.
/// </summary>
public static partial class QueueTransportLog
{
    /// <summary>An attempt failed and will be retried.</summary>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="queue">The queue's name.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="attempt">The attempt that failed (1 for the first).</param>
    /// <param name="exception">What the body threw.</param>
    [LoggerMessage(6, LogLevel.Warning, "Queue '{Queue}' partition {Partition}: attempt {Attempt} at item {ItemId} failed; it will be retried.")]
    public static partial void QueueItemFailed(ILogger logger, string queue, int partition, string itemId, int attempt, Exception exception);

    /// <summary>An item was dead-lettered; logged before the write, so a crash right after it still leaves the reason.</summary>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="queue">The queue's name.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="attempts">How many times its body ran.</param>
    /// <param name="errorType">The last error's type.</param>
    /// <param name="errorMessage">The last error's message.</param>
    [LoggerMessage(7, LogLevel.Error, "Queue '{Queue}' partition {Partition}: item {ItemId} moved to the dead-letter stream after {Attempts} attempt(s): {ErrorType}: {ErrorMessage}")]
    public static partial void QueueItemDeadLettered(ILogger logger, string queue, int partition, string itemId, int attempts, string errorType, string errorMessage);

    /// <summary>A consumer took a partition.</summary>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="queue">The queue's name.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="partition">The partition.</param>
    [LoggerMessage(8, LogLevel.Information, "Queue '{Queue}': consumer {Consumer} took partition {Partition}.")]
    public static partial void QueuePartitionTaken(ILogger logger, string queue, string consumer, int partition);

    /// <summary>A consumer gave a partition up.</summary>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="queue">The queue's name.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="reason">Why: shed, stopped, lease lost, revoked.</param>
    [LoggerMessage(9, LogLevel.Information, "Queue '{Queue}': consumer {Consumer} gave up partition {Partition} ({Reason}).")]
    public static partial void QueuePartitionLeft(ILogger logger, string queue, string consumer, int partition, string reason);

    /// <summary>Consuming a partition failed and is retried.</summary>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="queue">The queue's name.</param>
    /// <param name="partition">The partition (-1 for the queue as a whole).</param>
    /// <param name="exception">What failed.</param>
    [LoggerMessage(10, LogLevel.Warning, "Queue '{Queue}' partition {Partition}: consuming failed; retrying.")]
    public static partial void QueuePartitionFailed(ILogger logger, string queue, int partition, Exception exception);

    /// <summary>A run's outcome was discarded because the group had already finished the item elsewhere.</summary>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="queue">The queue's name.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="group">The consumer group.</param>
    /// <param name="itemId">The item's id.</param>
    [LoggerMessage(20, LogLevel.Warning, "Queue '{Queue}' partition {Partition}: group {Group} had already finished item {ItemId} (completed or dead-lettered by another consumer while this one was cut off or frozen); this run's outcome was discarded.")]
    public static partial void QueueItemAlreadyFinished(ILogger logger, string queue, int partition, string group, string itemId);
}
