using Locksmith.Backends;

namespace Locksmith.Redis.Internal;

/// <summary>A lock lease or semaphore permit held on Redis under a random 128-bit owner token.</summary>
internal abstract class RedisLeaseBase(
    LeaseClient client, LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options, long requestedAt,
    long fencingToken, int permits, TimeSpan validityMargin = default)
    : LeaseBase(client, kind, key, options, requestedAt, validityMargin), ILockLease, ISemaphorePermit
{
    public string RedisKey { get; } = redisKey;

    public string Owner { get; } = owner;

    public long FencingToken { get; } = fencingToken;

    public int Permits { get; } = permits;
}
