using Locksmith.Backends;
using Locksmith.Redis.Scripts;

namespace Locksmith.Redis.Internal;

/// <summary>A lease on one Redis server or one Redis Cluster.</summary>
internal sealed class RedisLease(
    RedisLeaseProvider provider, LeaseClient client, LeaseKind kind, string key, string redisKey, string owner,
    LeaseOptions options, long requestedAt, long fencingToken, int permits)
    : RedisLeaseBase(client, kind, key, redisKey, owner, options, requestedAt, fencingToken, permits)
{
    protected override async ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        var db = provider.Database;
        var ttlMs = (long)Math.Ceiling(ttl.TotalMilliseconds);
        var extending = Kind == LeaseKind.Lock
            ? LockExtendScript.EvaluateAsync(db, RedisKey, Owner, ttlMs, cancellationToken: cancellationToken)
            : SemaphoreExtendScript.EvaluateAsync(db, RedisKey, Owner, ttlMs, cancellationToken: cancellationToken);
        return await RedisErrors.GuardAsync(extending, provider.Connection, "extending", Key).ConfigureAwait(false);
    }

    protected override ValueTask ReleaseCoreAsync() => provider.ReleaseAsync(Kind, Key, RedisKey, Owner);
}
