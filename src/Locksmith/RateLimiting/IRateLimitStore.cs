namespace Locksmith.Backends;

/// <summary>
/// Where a backend keeps rate-limit state and decides, atomically and on one clock, whether permits are granted.
/// Registered by the backend's <c>Use...</c> method; <see cref="IRateLimiterProvider"/> builds the limiters, waiting and
/// .NET's rate-limiting contract on top of it.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Takes <paramref name="permits"/> permits of the limit <paramref name="key"/> if they are free now, in one atomic
    /// step; never waits for them. With 0 permits it only reports whether one is free.
    /// </summary>
    /// <param name="key">The limit's key, as the application gave it.</param>
    /// <param name="policy">The limit's algorithm and budget; every caller of one key must pass the same.</param>
    /// <param name="permits">How many permits to take, from 0 to <see cref="RateLimitPolicy.Limit"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the reply (not the decision, which may already have been made).</param>
    /// <returns>The decision, with the retry-after when not granted.</returns>
    ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken);
}
