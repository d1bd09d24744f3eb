namespace Locksmith.Redis.Inspection;

/// <summary>What Locksmith keeps in Redis under a key prefix, at one moment.</summary>
/// <param name="Prefix">The key prefix looked at.</param>
/// <param name="ServerTimeMilliseconds">The server's clock (TIME): expiries are scored on it, so every TTL shown is measured against it, not the inspecting machine's clock.</param>
/// <param name="Locks">Held locks.</param>
/// <param name="Fences">Fencing counters.</param>
/// <param name="Semaphores">Semaphores with permits or, for fair ones, owners waiting in line.</param>
/// <param name="Waiters">Release channels with subscribers.</param>
/// <param name="Queues">Queues with any key under the prefix.</param>
/// <param name="RateLimits">Rate limits with state (a sliding window with grants in it, a token bucket not yet full).</param>
public sealed record InspectionReport(
    string Prefix,
    long ServerTimeMilliseconds,
    IReadOnlyList<HeldLock> Locks,
    IReadOnlyList<FenceCounter> Fences,
    IReadOnlyList<SemaphoreState> Semaphores,
    IReadOnlyList<WaitingChannel> Waiters,
    IReadOnlyList<QueueState> Queues,
    IReadOnlyList<RateLimitState> RateLimits);
