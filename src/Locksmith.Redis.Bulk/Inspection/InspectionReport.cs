namespace Locksmith.Redis.Bulk.Inspection;

/// <summary>What Locksmith keeps in one Redis server under a key prefix, at one moment.</summary>
/// <param name="Prefix">The key prefix looked at.</param>
/// <param name="ServerTimeMilliseconds">The server's clock (TIME), against which expiries are measured.</param>
/// <param name="Locks">Held locks.</param>
/// <param name="Fences">Fencing counters.</param>
/// <param name="Semaphores">Semaphores with permits.</param>
/// <param name="Waiters">Release channels with subscribers.</param>
/// <param name="Queues">Queues (streams under <c>{prefix}q:</c>).</param>
public sealed record InspectionReport(
    string Prefix,
    long ServerTimeMilliseconds,
    IReadOnlyList<HeldLock> Locks,
    IReadOnlyList<FenceCounter> Fences,
    IReadOnlyList<SemaphoreState> Semaphores,
    IReadOnlyList<WaitingChannel> Waiters,
    IReadOnlyList<QueueState> Queues);
