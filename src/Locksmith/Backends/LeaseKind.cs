namespace Locksmith.Backends;

/// <summary>What a lease protects: it decides the defaults, the validation and the names in logs and metrics.</summary>
public enum LeaseKind
{
    /// <summary>An exclusive lock: one holder per key.</summary>
    Lock,

    /// <summary>A semaphore permit: up to a limit of holders per key.</summary>
    Semaphore,

    /// <summary>A reader-writer lock held for reading: shared with other readers, excluded by a writer.</summary>
    ReadLock,

    /// <summary>A reader-writer lock held for writing: excludes every reader and writer of its key.</summary>
    WriteLock,

    /// <summary>
    /// A reader-writer lock held for reading by the one holder allowed to turn it into a write lock in place: shared with
    /// plain readers, exclusive against writers and other upgradeable readers.
    /// </summary>
    UpgradeableReadLock,
}
