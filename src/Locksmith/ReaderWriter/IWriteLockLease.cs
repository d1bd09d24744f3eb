namespace Locksmith;

/// <summary>
/// A reader-writer lock held for writing: no reader or other writer holds the key meanwhile. Its
/// <see cref="ILockLease.FencingToken"/> rises with every write acquisition (and upgrade) of the key when
/// <see cref="LockOptions.Fencing"/> is on.
/// </summary>
public interface IWriteLockLease : ILockLease
{
}
