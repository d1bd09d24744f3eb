using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>The Redis backend's own log events; ids 200-299, stable so alerts can match on them (the core's are below 100, Kafka's 100-199).</summary>
internal static partial class RedisLog
{
    [LoggerMessage(200, LogLevel.Warning, "Subscribing to Locksmith release notices on {Channel} failed; waiters fall back to periodic re-checks.")]
    public static partial void NoticeSubscriptionFailed(ILogger logger, RedisChannel channel, Exception exception);

    [LoggerMessage(201, LogLevel.Debug, "Unsubscribing from {Channel} failed; the connection drops it when it closes.")]
    public static partial void NoticeUnsubscriptionFailed(ILogger logger, RedisChannel channel, Exception exception);

    [LoggerMessage(202, LogLevel.Debug, "Leaving the fair queue of {Key} failed.")]
    public static partial void FairQueueLeaveFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(203, LogLevel.Debug, "Releasing {Key} did not reach every Redlock master.")]
    public static partial void RedlockReleaseIncomplete(ILogger logger, string key, Exception exception);

    [LoggerMessage(220, LogLevel.Debug, "Taking back the write intent on the reader-writer lock {Key} failed; it expires on its own within seconds.")]
    public static partial void IntentLeaveFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(221, LogLevel.Warning, "The upgradeable read lock on {Key} was no longer held on Redis when its upgrade was tried (it expired or was removed).")]
    public static partial void UpgradeFoundNoHold(ILogger logger, string key);
}
