using Locksmith.Backends;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// The lease a woven method body runs under, for the body to read: its fencing token (to stamp writes with), the time
/// it can still be trusted, its <see cref="ILease.LostToken"/>, and <see cref="ILease.ExtendAsync"/> for a step known
/// to take long.
/// </summary>
/// <remarks>
/// Flows with the body's async flow, like the lease itself: work the body awaits sees it; a method re-entered on the same
/// key sees the outer call's lease.
/// </remarks>
public static class LockContext
{
    /// <summary>The lock of the innermost <see cref="DistributedLockAttribute"/> method running in this flow, or <see langword="null"/> outside one.</summary>
    public static ILockLease? Current => HeldInFlow.Innermost(LeaseKind.Lock) as ILockLease;

    /// <summary>The permit of the innermost <see cref="SemaphoreAttribute"/> method running in this flow, or <see langword="null"/> outside one.</summary>
    public static ISemaphorePermit? CurrentPermit => HeldInFlow.Innermost(LeaseKind.Semaphore) as ISemaphorePermit;
}
