namespace Locksmith;

/// <summary>A reader-writer lock held for reading, beside other readers. It expires on its own time to live, whatever other readers do.</summary>
public interface IReadLockLease : ILease
{
}
