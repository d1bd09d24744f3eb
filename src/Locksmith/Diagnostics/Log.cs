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

    [LoggerMessage(30, LogLevel.Debug, "The rate limit '{Key}' refused {Permits} permit(s); the next is expected in {RetryAfterMs} ms.")]
    public static partial void RateLimitRejected(ILogger logger, string key, int permits, double retryAfterMs);

    [LoggerMessage(31, LogLevel.Debug, "Waiting {RetryAfterMs} ms, the retry-after the backend gave, for {Permits} permit(s) of the rate limit '{Key}'.")]
    public static partial void RateLimitWaiting(ILogger logger, string key, int permits, double retryAfterMs);
}
