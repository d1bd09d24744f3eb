using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Locksmith.Kafka.Internal;

/// <summary>
/// The Kafka transport's own log events, stable so alerts can match on them: ids 100-199, and 12 and 13, which kept the
/// ids they had when the core logged them.
/// </summary>
internal static partial class KafkaLog
{
    [LoggerMessage(12, LogLevel.Warning, "Queue '{Queue}': the Kafka consumer failed; it starts again in {DelayMs} ms, from the committed offsets.")]
    public static partial void KafkaConsumerFailed(ILogger logger, string queue, double delayMs, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "Queue '{Queue}': committing finished items to Kafka failed ({Items} with records to write, in a transaction that was aborted); the commit is tried again shortly.")]
    public static partial void KafkaTransactionRetried(ILogger logger, string queue, int items, Exception exception);

    [LoggerMessage(100, LogLevel.Warning, "Queue '{Queue}': committing a transaction of {Items} item(s) returned a retriable error; the commit is resumed, not aborted, until it succeeds or the transaction times out.")]
    public static partial void CommitResumed(ILogger logger, string queue, int items, Exception exception);

    [LoggerMessage(101, LogLevel.Warning, "Queue '{Queue}' partition {Partition}: its final commit before leaving failed, so its {Items} finished item(s) are dropped, chained calls, replies and dead letters included; the partition's next owner runs them again.")]
    public static partial void RevokedWorkDropped(ILogger logger, string queue, int partition, int items);

    // The level follows librdkafka's severity, so one event carries both its warnings and its chatter.
    [LoggerMessage(EventId = 102, Message = "Kafka {Facility}: {Message}")]
    public static partial void ClientLogged(ILogger logger, LogLevel level, string facility, string message);

    [LoggerMessage(EventId = 103, Message = "Kafka client error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, LogLevel level, ErrorCode code, string reason);
}
