using Locksmith.Leasing;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// The acquire command for one server, shared by the single-server/cluster provider and by each Redlock master:
/// a plain <c>SET NX PX</c> for an unfenced lock, the acquire script otherwise, followed in the same pipeline by
/// <c>WAIT</c> when replica acknowledgement is asked for.
/// </summary>
internal static class LeaseCommands
{
    /// <summary>The reply for "held by another owner" when the holder's remaining TTL was not asked for.</summary>
    public const long HeldTtlUnknown = long.MinValue;

    /// <summary>
    /// Returns the fencing token (0 without fencing) when granted, else -1 minus the holder's remaining milliseconds (or
    /// <see cref="HeldTtlUnknown"/>); and how many replicas acknowledged the write (0 when not asked).
    /// </summary>
    public static async Task<(long Reply, long Acknowledged)> AcquireAsync(
        IDatabase db, RedisKeys keys, RedisBackendOptions backend, LeaseKind kind, string key, string redisKey, string owner,
        LeaseOptions options, int permits)
    {
        if (backend.WaitForReplicas == 0)
        {
            return (await SendAsync(db, keys, backend, kind, key, redisKey, owner, options, permits).ConfigureAwait(false), 0);
        }

        // WAIT counts the replicas that have every earlier write of this connection, so it must follow the acquisition on
        // the same connection: a batch sends both back to back.
        var batch = db.CreateBatch();
        var acquiring = SendAsync(batch, keys, backend, kind, key, redisKey, owner, options, permits);
        var waiting = batch.ExecuteAsync("WAIT", backend.WaitForReplicas, (long)backend.ReplicaAcknowledgementTimeout.TotalMilliseconds);
        batch.Execute();
        var reply = await acquiring.ConfigureAwait(false);
        var acknowledged = (long)await waiting.ConfigureAwait(false);
        return (reply, acknowledged);
    }

    /// <summary>Whether the acquisition is a lone <c>SET NX PX</c>: an unfenced lock, with no replica acknowledgement.</summary>
    public static bool IsPlainSet(LeaseKind kind, LeaseOptions options, RedisBackendOptions backend) =>
        kind == LeaseKind.Lock && options is not LockOptions { Fencing: true } && backend.WaitForReplicas == 0;

    /// <summary>
    /// How long a fair waiter's place outlives its last attempt. Waiters attempt at least every RecheckInterval, so three
    /// of those (and never under 2 s) keeps live waiters in place and lets a dead one go within seconds.
    /// </summary>
    public static TimeSpan FairWaiterTtl(RedisBackendOptions backend) =>
        backend.RecheckInterval * 3 > TimeSpan.FromSeconds(2) ? backend.RecheckInterval * 3 : TimeSpan.FromSeconds(2);

    private static async Task<long> SendAsync(
        IDatabaseAsync db, RedisKeys keys, RedisBackendOptions backend, LeaseKind kind, string key, string redisKey, string owner,
        LeaseOptions options, int permits)
    {
        var ttlMs = (long)Math.Ceiling(options.Ttl.TotalMilliseconds);
        if (options is SemaphoreOptions { Fair: true })
        {
            return await FairSemaphoreAcquireScript.EvaluateAsync(
                db, redisKey, keys.SemaphoreQueue(key), keys.SemaphoreWaiters(key), keys.SemaphoreTickets(key),
                owner, ttlMs, permits, (long)FairWaiterTtl(backend).TotalMilliseconds).ConfigureAwait(false);
        }

        if (kind == LeaseKind.Semaphore)
        {
            return await SemaphoreAcquireScript.EvaluateAsync(db, redisKey, owner, ttlMs, permits).ConfigureAwait(false);
        }

        if (options is not LockOptions { Fencing: true })
        {
            // Without fencing, taking a lock is a single command; a script would only add server time. The holder's
            // remaining TTL is asked for separately, and only by a waiter that needs it.
            return await db.StringSetAsync(redisKey, owner, options.Ttl, When.NotExists).ConfigureAwait(false) ? 0 : HeldTtlUnknown;
        }

        var fenceTtlMs = (long)Math.Max(backend.FenceCounterTtl.TotalMilliseconds, options.Ttl.TotalMilliseconds * 100);
        return await LockAcquireScript.EvaluateAsync(db, redisKey, keys.Fence(key), owner, ttlMs, 1, fenceTtlMs).ConfigureAwait(false);
    }
}
