namespace Locksmith.Redis.Inspection;

/// <summary>One rate limit's state (the budget itself is not stored in Redis: callers pass it with each request).</summary>
/// <param name="Key">The limit's key, as the application named it.</param>
/// <param name="RedisKey">The Redis key.</param>
/// <param name="Algorithm">Sliding window (<c>ls:rlw:</c>) or token bucket (<c>ls:rlb:</c>).</param>
/// <param name="Grants">A sliding window's grants still remembered (those made within one window, or pruned at its next
/// decision); null for a token bucket.</param>
/// <param name="TtlMilliseconds">
/// Until the key expires: for a sliding window, when its newest grant leaves the window; for a token bucket, when the
/// bucket is full again. -1 when the key has no expiry (never written by Locksmith).
/// </param>
public sealed record RateLimitState(string Key, string RedisKey, RateLimitAlgorithm Algorithm, long? Grants, long TtlMilliseconds);
