namespace Locksmith.Redis.RateLimiting;

/// <summary>Why Redlock offers no rate limits, said where they are first asked for.</summary>
internal static class RedlockRateLimits
{
    public static NotSupportedException Refusal() => new(
        "Rate limiting (IRateLimiterProvider, [RateLimit]) is not available on the Redlock backend: a rate counter cannot be " +
        "made exact by a quorum of independent masters. Each master counts only the requests that reached it, so the masters' " +
        "counts disagree, and no majority of them bounds the requests actually admitted (a request admitted by one quorum is " +
        "unknown to the masters outside it). Use one Redis server or a Redis Cluster for rate limits: register a second " +
        "container with services.AddLocksmith(b => b.UseRedis(\"host:6379\")), or move the application's locks to UseRedis.");
}
