namespace Locksmith;

/// <summary>
/// A reader-writer lock held for reading by the key's one upgradeable reader, which may turn it into the write lock in
/// place: the read is never let go, so what was read stays true when writing starts.
/// </summary>
public interface IUpgradeableReadLease : IReadLockLease
{
    /// <summary>Whether <see cref="UpgradeAsync"/> has succeeded: the lease now holds the key for writing.</summary>
    bool IsUpgraded { get; }

    /// <summary>
    /// Turns this lease into the write lock, in place: new readers are held back at once, and the upgrade completes when
    /// the readers already in have left (or expired), waiting up to the lease's <see cref="LeaseOptions.WaitTimeout"/>.
    /// The read is kept throughout, also when the upgrade times out. Disposing this lease (or the returned one, which is
    /// the same lease) releases everything. Calling it again after it succeeded returns at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; the lease stays held for reading.</param>
    /// <returns>This lease as a write lease, with a fencing token when the lease was taken with <see cref="LockOptions.Fencing"/>.</returns>
    /// <exception cref="LockTimeoutException">Other readers still held the key after the wait timeout; the read is still held.</exception>
    /// <exception cref="InvalidOperationException">The lease was released or lost.</exception>
    ValueTask<IWriteLockLease> UpgradeAsync(CancellationToken cancellationToken = default);
}
