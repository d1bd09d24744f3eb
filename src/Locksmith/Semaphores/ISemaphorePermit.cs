namespace Locksmith;

/// <summary>One of the permits of a distributed semaphore, held until disposed or expired.</summary>
public interface ISemaphorePermit : ILease
{
    /// <summary>How many permits the semaphore had when this one was granted.</summary>
    int Permits { get; }
}
