using Locksmith.Leasing;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>A lock lease or semaphore permit held on Redis by a random 128-bit owner token.</summary>
internal sealed class RedisLease : LeaseBase, ILockLease, ISemaphorePermit
{
    private readonly RedisLeaseProvider _provider;

    public RedisLease(
        RedisLeaseProvider provider, LeaseClient client, LeaseKind kind, string key, string redisKey, string owner,
        LeaseOptions options, long requestedAt, long fencingToken, int permits)
        : base(client, kind, key, options, requestedAt)
    {
        _provider = provider;
        RedisKey = redisKey;
        Owner = owner;
        FencingToken = fencingToken;
        Permits = permits;
    }

    public string RedisKey { get; }

    public string Owner { get; }

    public long FencingToken { get; }

    public int Permits { get; }

    protected override async ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        var db = _provider.Database;
        var ttlMs = (long)Math.Ceiling(ttl.TotalMilliseconds);
        var extending = Kind == LeaseKind.Lock
            ? LockExtendScript.EvaluateAsync(db, RedisKey, Owner, ttlMs, cancellationToken: cancellationToken)
            : SemaphoreExtendScript.EvaluateAsync(db, RedisKey, Owner, ttlMs, cancellationToken: cancellationToken);
        return await RedisErrors.GuardAsync(extending, _provider.Connection, "extending", Key).ConfigureAwait(false);
    }

    protected override async ValueTask ReleaseCoreAsync()
    {
        var db = _provider.Database;
        var channel = _provider.Keys.ReleaseChannel(RedisKey);
        var releasing = Kind == LeaseKind.Lock
            ? LockReleaseScript.EvaluateAsync(db, RedisKey, Owner, channel)
            : SemaphoreReleaseScript.EvaluateAsync(db, RedisKey, Owner, channel);
        await RedisErrors.GuardAsync(releasing, _provider.Connection, "releasing", Key).ConfigureAwait(false);
    }
}
