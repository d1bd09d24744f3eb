using Microsoft.Extensions.Logging;

namespace Locksmith.Diagnostics;

/// <summary>Locksmith's log events; ids are stable so alerts can match on them.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The {Kind} lease on '{Key}' was lost: {Reason}. Work still running under it is no longer protected.")]
    public static partial void LeaseLost(ILogger logger, string kind, string key, string reason);

    [LoggerMessage(2, LogLevel.Information, "Timed out after {WaitedMs} ms waiting for the {Kind} '{Key}'.")]
    public static partial void WaitTimedOut(ILogger logger, string kind, string key, double waitedMs);

    [LoggerMessage(4, LogLevel.Warning, "Renewing the {Kind} lease on '{Key}' failed; retrying until it would expire.")]
    public static partial void RenewalFailed(ILogger logger, string kind, string key, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "The method {Method} finished after its {Kind} lease on '{Key}' was lost; its work may have overlapped another holder's.")]
    public static partial void FinishedAfterLoss(ILogger logger, string method, string kind, string key);

    [LoggerMessage(14, LogLevel.Error, "The renewal loop failed while looking after the {Kind} lease on '{Key}'; that lease is reported lost and the loop goes on with the others.")]
    public static partial void RenewalLoopFailed(ILogger logger, string kind, string key, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "The renewal loop's scheduling failed; it goes on after a short pause.")]
    public static partial void RenewalSchedulingFailed(ILogger logger, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "A callback registered on the LostToken of the {Kind} lease on '{Key}' threw; the lease is lost either way.")]
    public static partial void LostCallbackFailed(ILogger logger, string kind, string key, Exception exception);

    [LoggerMessage(21, LogLevel.Debug, "{Method} skipped its body: the {Kind} '{Key}' was busy (OnBusy = Skip).")]
    public static partial void SkippedBusy(ILogger logger, string method, string kind, string key);

    [LoggerMessage(50, LogLevel.Information, "{Candidate} leads '{Election}' in term {Term}.")]
    public static partial void LeadershipWon(ILogger logger, string election, string candidate, long term);

    [LoggerMessage(51, LogLevel.Warning, "{Candidate} lost the leadership of '{Election}' (term {Term}): its lease could no longer be trusted or a newer term was recorded. Work stamped with this term should stop.")]
    public static partial void LeadershipLost(ILogger logger, string election, string candidate, long term);

    [LoggerMessage(52, LogLevel.Information, "{Candidate} resigned the leadership of '{Election}' (term {Term}).")]
    public static partial void LeadershipResigned(ILogger logger, string election, string candidate, long term);

    [LoggerMessage(53, LogLevel.Warning, "Refreshing the leader record of '{Election}' (term {Term}) failed; the leadership goes on while its lease is renewed.")]
    public static partial void LeaderRecordRefreshFailed(ILogger logger, string election, long term, Exception exception);

    [LoggerMessage(54, LogLevel.Warning, "Withdrawing the leader record of '{Election}' (term {Term}) failed; it expires by itself within the leadership's time to live.")]
    public static partial void LeaderRecordWithdrawFailed(ILogger logger, string election, long term, Exception exception);

    [LoggerMessage(55, LogLevel.Warning, "{Method} could not campaign for '{Election}'; it tries again in {RetryMs} ms.")]
    public static partial void SingletonCampaignFailed(ILogger logger, string method, string election, double retryMs, Exception exception);

    [LoggerMessage(56, LogLevel.Warning, "{Method} lost the leadership of '{Election}' while running; its token was cancelled and it campaigns again. An exception the body threw after the loss is attached.")]
    public static partial void SingletonLostLeadership(ILogger logger, string method, string election, Exception? exception);
    [LoggerMessage(40, LogLevel.Error, "{Method} asked for the write lock on '{Key}' in a flow that holds its read lock; refused instead of waiting for itself.")]
    public static partial void WriteRequestedWhileReading(ILogger logger, string method, string key);

    [LoggerMessage(41, LogLevel.Debug, "The upgradeable read lock on '{Key}' was upgraded to the write lock after {WaitedMs} ms.")]
    public static partial void Upgraded(ILogger logger, string key, double waitedMs);

    [LoggerMessage(42, LogLevel.Information, "Upgrading the read lock on '{Key}' timed out after {WaitedMs} ms with other readers still in; the read is still held.")]
    public static partial void UpgradeTimedOut(ILogger logger, string key, double waitedMs);
    [LoggerMessage(30, LogLevel.Debug, "The rate limit '{Key}' refused {Permits} permit(s); the next is expected in {RetryAfterMs} ms.")]
    public static partial void RateLimitRejected(ILogger logger, string key, int permits, double retryAfterMs);

    [LoggerMessage(31, LogLevel.Debug, "Waiting {RetryAfterMs} ms, the retry-after the backend gave, for {Permits} permit(s) of the rate limit '{Key}'.")]
    public static partial void RateLimitWaiting(ILogger logger, string key, int permits, double retryAfterMs);
}
