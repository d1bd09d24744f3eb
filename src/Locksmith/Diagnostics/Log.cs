using Microsoft.Extensions.Logging;

namespace Locksmith.Diagnostics;

/// <summary>Locksmith's log events; ids are stable so alerts can match on them.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The {Kind} lease on '{Key}' was lost: {Reason}. Work still running under it is no longer protected.")]
    public static partial void LeaseLost(ILogger logger, string kind, string key, string reason);

    [LoggerMessage(2, LogLevel.Information, "Timed out after {WaitedMs} ms waiting for the {Kind} '{Key}'.")]
    public static partial void WaitTimedOut(ILogger logger, string kind, string key, double waitedMs);

    [LoggerMessage(3, LogLevel.Warning, "Releasing the {Kind} lease on '{Key}' failed; it will expire after its time to live.")]
    public static partial void ReleaseFailed(ILogger logger, string kind, string key, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Renewing the {Kind} lease on '{Key}' failed; retrying until it would expire.")]
    public static partial void RenewalFailed(ILogger logger, string kind, string key, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "The method {Method} finished after its {Kind} lease on '{Key}' was lost; its work may have overlapped another holder's.")]
    public static partial void FinishedAfterLoss(ILogger logger, string method, string kind, string key);

    [LoggerMessage(6, LogLevel.Warning, "Queue '{Queue}' partition {Partition}: attempt {Attempt} at item {ItemId} failed; it will be retried.")]
    public static partial void QueueItemFailed(ILogger logger, string queue, int partition, string itemId, int attempt, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "Queue '{Queue}' partition {Partition}: item {ItemId} moved to the dead-letter stream after {Attempts} attempt(s): {ErrorType}: {ErrorMessage}")]
    public static partial void QueueItemDeadLettered(ILogger logger, string queue, int partition, string itemId, int attempts, string errorType, string errorMessage);

    [LoggerMessage(8, LogLevel.Information, "Queue '{Queue}': consumer {Consumer} took partition {Partition}.")]
    public static partial void QueuePartitionTaken(ILogger logger, string queue, string consumer, int partition);

    [LoggerMessage(9, LogLevel.Information, "Queue '{Queue}': consumer {Consumer} gave up partition {Partition} ({Reason}).")]
    public static partial void QueuePartitionLeft(ILogger logger, string queue, string consumer, int partition, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Queue '{Queue}' partition {Partition}: consuming failed; retrying.")]
    public static partial void QueuePartitionFailed(ILogger logger, string queue, int partition, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "AddQueueConsumers found no [QueuedBy] method to run in this process, so it consumes nothing. Check that the project declaring them references the Locksmith package (its generator registers them), or call QueuedMethodRegistry.Load(assembly).")]
    public static partial void NoQueuedMethods(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "Queue '{Queue}': the Kafka consumer failed; it starts again in {DelayMs} ms, from the committed offsets.")]
    public static partial void KafkaConsumerFailed(ILogger logger, string queue, double delayMs, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "Queue '{Queue}': committing finished items to Kafka failed ({Items} with records to write, in a transaction that was aborted); the commit is tried again shortly.")]
    public static partial void KafkaTransactionRetried(ILogger logger, string queue, int items, Exception exception);

    [LoggerMessage(14, LogLevel.Error, "The renewal loop failed while looking after the {Kind} lease on '{Key}'; that lease is reported lost and the loop goes on with the others.")]
    public static partial void RenewalLoopFailed(ILogger logger, string kind, string key, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "The renewal loop's scheduling failed; it goes on after a short pause.")]
    public static partial void RenewalSchedulingFailed(ILogger logger, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "A callback registered on the LostToken of the {Kind} lease on '{Key}' threw; the lease is lost either way.")]
    public static partial void LostCallbackFailed(ILogger logger, string kind, string key, Exception exception);

    [LoggerMessage(20, LogLevel.Warning, "Queue '{Queue}' partition {Partition}: group {Group} had already finished item {ItemId} (completed or dead-lettered by another consumer while this one was cut off or frozen); this run's outcome was discarded.")]
    public static partial void QueueItemAlreadyFinished(ILogger logger, string queue, int partition, string group, string itemId);
}
