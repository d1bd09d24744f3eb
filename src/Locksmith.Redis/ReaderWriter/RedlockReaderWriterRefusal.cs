namespace Locksmith.Redis.ReaderWriter;

/// <summary>
/// What Redlock registers for <see cref="IReaderWriterLockProvider"/>: every call fails at once naming the cause and the
/// fix, so a woven [ReadLock] or [WriteLock] never silently runs unprotected. Why Redlock refuses: a reader-writer lock
/// is four keys that change together (readers, writer, a waiting writer's intent, the upgradeable reader). On independent
/// masters an upgrade or an intent granted on some masters and not others has no atomic way back, and a quorum of readers
/// plus a writer's intent spread over masters whose clocks prune readers independently gives no bound a caller could rely
/// on. See docs/reader-writer-locks.md.
/// </summary>
internal sealed class RedlockReaderWriterRefusal : IReaderWriterLockProvider
{
    public ValueTask<IReadLockLease> AcquireReadAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Refused(key);

    public ValueTask<IWriteLockLease> AcquireWriteAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Refused(key);

    public ValueTask<IUpgradeableReadLease> AcquireUpgradeableReadAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Refused(key);

    private static NotSupportedException Refused(string key) =>
        new($"Reader-writer locks are not available with Redlock (asked for '{key}'): readers, the writer, a waiting writer's " +
            "intent and an upgrade are several keys that must change together, which independent masters cannot do atomically. " +
            "Use UseRedis with one server or a Redis Cluster for reader-writer locks, or a [DistributedLock] (ILockProvider) " +
            "if exclusive access is enough.");
}
