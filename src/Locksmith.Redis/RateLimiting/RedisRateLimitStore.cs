using Locksmith.Backends;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Layout;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.RateLimiting;

/// <summary>
/// Rate limits on one Redis server or a Redis Cluster: each decision is one script on one key (so one slot), on the
/// server's clock, in one round trip. The script sets the key's expiry to the state's own horizon.
/// </summary>
internal sealed class RedisRateLimitStore(IConnectionMultiplexer connection, RedisKeyLayout keys) : IRateLimitStore
{
    public async ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var redisKey = keys.RateLimit(key, policy.Algorithm);
        var database = connection.GetDatabase();
        var reply = policy.Algorithm == RateLimitAlgorithm.TokenBucket
            ? RateLimitTokenBucketScript.EvaluateAsync(database, redisKey, policy.Limit, policy.PeriodMicroseconds, policy.TokensPerPeriod, permits, cancellationToken: cancellationToken)
            : RateLimitSlidingWindowScript.EvaluateAsync(database, redisKey, policy.Limit, policy.PeriodMicroseconds, permits, Guid.NewGuid().ToString("N"), cancellationToken: cancellationToken);
        var result = await RedisErrors.GuardAsync(reply, connection, "taking permits of the rate limit", key).ConfigureAwait(false);
        return new RateLimitDecision(
            Granted: (long)result[0] == 1,
            Remaining: (long)result[1],
            RetryAfter: TimeSpan.FromTicks((long)result[2] * 10),
            DecidedAt: DateTimeOffset.UnixEpoch.AddTicks((long)result[3] * 10));
    }
}
