namespace Locksmith;

/// <summary>
/// Takes reader-writer locks on a backend: many readers of a key at once, or one writer alone. A writer waiting for
/// readers to leave blocks new readers, so a steady stream of readers cannot starve it. Every reader expires on its own
/// time to live, so a crashed reader holds up writers for at most its own TTL. Registered by
/// <c>services.AddLocksmith(...)</c> for the in-memory and Redis (one server or Cluster) backends; Redlock refuses it.
/// </summary>
/// <remarks>
/// Options are <see cref="LockOptions"/> (defaults from <see cref="LocksmithOptions.Locks"/>); <see cref="LockOptions.Fencing"/>
/// gives write leases, and upgradeable reads once upgraded, a fencing token. Upgrading is
/// <see cref="IUpgradeableReadLease.UpgradeAsync"/> on the lease it upgrades.
/// </remarks>
public interface IReaderWriterLockProvider
{
    /// <summary>Waits up to <see cref="LeaseOptions.WaitTimeout"/> to hold <paramref name="key"/> for reading, beside other readers.</summary>
    /// <param name="key">The lock key; any non-empty string. Read and write locks of one key exclude each other.</param>
    /// <param name="options">How to take and hold it; <see langword="null"/> uses the configured lock defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held read lease; dispose it to release.</returns>
    /// <exception cref="LockTimeoutException">A writer held the key, or waited for it, the whole wait timeout.</exception>
    /// <exception cref="LocksmithBackendException">The backend could not be reached or refused the request.</exception>
    ValueTask<IReadLockLease> AcquireReadAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <see cref="LeaseOptions.WaitTimeout"/> to hold <paramref name="key"/> alone, for writing.</summary>
    /// <param name="key">The lock key; any non-empty string.</param>
    /// <param name="options">How to take and hold it; <see langword="null"/> uses the configured lock defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held write lease; dispose it to release.</returns>
    /// <exception cref="LockTimeoutException">Readers or another writer held the key the whole wait timeout.</exception>
    /// <exception cref="LocksmithBackendException">The backend could not be reached or refused the request.</exception>
    ValueTask<IWriteLockLease> AcquireWriteAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits up to <see cref="LeaseOptions.WaitTimeout"/> to hold <paramref name="key"/> for reading as its one upgradeable
    /// reader: plain readers may share the key with it, writers and other upgradeable readers may not, and it can become
    /// the write lock without letting go (<see cref="IUpgradeableReadLease.UpgradeAsync"/>).
    /// </summary>
    /// <param name="key">The lock key; any non-empty string.</param>
    /// <param name="options">How to take and hold it, and how long an upgrade waits; <see langword="null"/> uses the configured lock defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held upgradeable read lease; dispose it to release (whether upgraded or not).</returns>
    /// <exception cref="LockTimeoutException">A writer or another upgradeable reader held the key the whole wait timeout.</exception>
    /// <exception cref="LocksmithBackendException">The backend could not be reached or refused the request.</exception>
    ValueTask<IUpgradeableReadLease> AcquireUpgradeableReadAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default);
}
