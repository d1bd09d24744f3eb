using Locksmith.Backends;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Layout;
using Locksmith.Redis.Scripts;

namespace Locksmith.Redis.ReaderWriter;

/// <summary>
/// A reader-writer lease on one Redis server or Cluster: a read is the owner's own member of the readers set (extended
/// alone, by the semaphore's per-member script), a write the writer key, an upgradeable read the upgrader key plus, once
/// upgraded, the writer key under the same owner.
/// </summary>
internal sealed class RedisReaderWriterLease(
    RedisReaderWriterLockProvider provider, LeaseKind kind, string key, ReaderWriterKeys keys, string owner, LockOptions options,
    long requestedAt, long fencingToken)
    : ReaderWriterLeaseBase(provider.Client, kind, key, options, requestedAt, fencingToken)
{
    public ReaderWriterKeys Keys { get; } = keys;

    public string Owner { get; } = owner;

    protected override async ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        var db = provider.Database;
        var ttlMs = (long)Math.Ceiling(ttl.TotalMilliseconds);
        var extending = Kind switch
        {
            // Only this reader's own expiry moves: a crashed reader beside it still goes at its own.
            LeaseKind.ReadLock => SemaphoreExtendScript.EvaluateAsync(db, Keys.Readers, Owner, ttlMs, cancellationToken: cancellationToken),
            LeaseKind.WriteLock => LockExtendScript.EvaluateAsync(db, Keys.Writer, Owner, ttlMs, cancellationToken: cancellationToken),
            _ => RwUpgradeableExtendScript.EvaluateAsync(db, Keys.Upgrader, Keys.Writer, Owner, ttlMs, cancellationToken: cancellationToken),
        };
        return await RedisErrors.GuardAsync(extending, provider.Connection, "extending the reader-writer lock", Key).ConfigureAwait(false);
    }

    protected override ValueTask ReleaseCoreAsync() =>
        Kind == LeaseKind.ReadLock ? provider.ReleaseReadAsync(Key, Keys, Owner) : provider.ReleaseAsync(Key, Keys, Owner);

    protected override ValueTask<long?> UpgradeCoreAsync(CancellationToken cancellationToken) => provider.UpgradeAsync(this, cancellationToken);
}
