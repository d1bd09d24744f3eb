using System.Diagnostics;
using Locksmith.Backends;
using Locksmith.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Locksmith.RateLimiting;

/// <summary>
/// Asks a backend for permits and, while they are not free, waits exactly the retry-after the backend returned (the
/// server knows when the next permit comes; nothing polls), then asks again, until granted or until the next permit
/// would come after the wait timeout. Shared by the <see cref="System.Threading.RateLimiting.RateLimiter"/>s and
/// <see cref="RateLimitAttribute"/>.
/// </summary>
internal sealed class RateLimitGate(IRateLimitStore store, TimeProvider time, ILogger logger)
{
    /// <summary>The shortest wait between two requests, so a zero retry-after (a permit freed this very microsecond) cannot spin.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    public TimeProvider Time => time;

    /// <returns>The granted decision, or the last refusal with its retry-after.</returns>
    public async ValueTask<RateLimitDecision> AcquireAsync(
        string key, RateLimitPolicy policy, int permits, TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        using var activity = LocksmithInstruments.ActivitySource.StartActivity("locksmith.acquire rate_limit", ActivityKind.Internal);
        activity?.SetTag("locksmith.key", key);
        var started = time.GetTimestamp();
        while (true)
        {
            var decision = await store.AcquireAsync(key, policy, permits, cancellationToken).ConfigureAwait(false);
            if (decision.Granted)
            {
                LocksmithInstruments.RateLimitGranted.Add(1, LocksmithInstruments.Algorithm(policy.Algorithm));
                return decision;
            }

            var left = waitTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : waitTimeout - time.GetElapsedTime(started);
            if (decision.RetryAfter > left)
            {
                // Waiting could not end in a grant before the timeout: refuse now, with the retry-after, rather than at the timeout.
                LocksmithInstruments.RateLimitRejected.Add(1, LocksmithInstruments.Algorithm(policy.Algorithm));
                Log.RateLimitRejected(logger, key, permits, decision.RetryAfter.TotalMilliseconds);
                activity?.SetStatus(ActivityStatusCode.Error, "rejected");
                return decision;
            }

            var wait = decision.RetryAfter < MinimumWait ? MinimumWait : decision.RetryAfter;
            Log.RateLimitWaiting(logger, key, permits, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
