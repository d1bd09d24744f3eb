namespace Locksmith;

/// <summary>How a semaphore permit is taken and held.</summary>
public sealed record SemaphoreOptions : LeaseOptions
{
    /// <summary>The library defaults: 30 s time to live, 30 s wait, renewal on.</summary>
    public static SemaphoreOptions Default { get; } = new();

    /// <summary>
    /// First come, first served across every process: a caller that starts waiting later never gets a permit before one
    /// that started earlier, and a waiter that dies leaves the queue after a few seconds so it blocks nobody. Costs a
    /// queue entry per waiter and wakes every waiter on each release. Not available with Redlock (independent masters
    /// cannot agree on one order). The in-memory backend is always first come, first served. Defaults to
    /// <see langword="false"/>.
    /// </summary>
    public bool Fair { get; init; }
}
