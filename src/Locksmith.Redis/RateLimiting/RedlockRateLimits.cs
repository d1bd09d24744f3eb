using Locksmith.Backends;

namespace Locksmith.Redis.RateLimiting;

/// <summary>
/// The Redlock backend's rate-limit store: it refuses every request, saying why and what to use instead. Registered (not
/// left out) so the container resolves as it does on every backend, and the refusal comes at first use, where the cause
/// can be named, rather than as a missing service.
/// </summary>
internal sealed class RedlockRateLimits : IRateLimitStore
{
    public ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken) =>
        throw Refusal();

    public static NotSupportedException Refusal() => new(
        "Rate limiting (IRateLimiterProvider, [RateLimit]) is not available on the Redlock backend: a rate counter cannot be " +
        "made exact by a quorum of independent masters. Each master counts only the requests that reached it, so the masters' " +
        "counts disagree, and no majority of them bounds the requests actually admitted (a request admitted by one quorum is " +
        "unknown to the masters outside it). Use one Redis server or a Redis Cluster for rate limits (UseRedis); if locks must " +
        "stay on Redlock, make the rate limiters from a second service collection with AddLocksmith(b => b.UseRedis(...)).");
}
