using Locksmith.Backends;
using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// The acquire command for one server, shared by the single-server/cluster provider and by each Redlock master:
/// a plain <c>SET NX PX</c> for an unfenced lock, the acquire script otherwise, followed on the same connection by
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
        IDatabase db, RedisKeyLayout keys, RedisBackendOptions backend, LeaseKind kind, string key, string redisKey, string owner,
        LeaseOptions options, int permits)
    {
        var command = Describe(keys, backend, kind, key, redisKey, owner, options, permits);
        return await SendAsync(db, backend, redisKey, command).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one acquisition command (any acquire script of <c>Scripts/</c>) and, when replica acknowledgement is asked
    /// for, <c>WAIT</c> behind it on the node that owns <paramref name="redisKey"/>'s slot. Returns the script's reply and
    /// how many replicas acknowledged the write (0 when not asked).
    /// </summary>
    public static async Task<(long Reply, long Acknowledged)> SendAsync(IDatabase db, RedisBackendOptions backend, string redisKey, AcquireCommand command)
    {
        if (backend.WaitForReplicas == 0)
        {
            return (await command.SendAsync(db).ConfigureAwait(false), 0);
        }

        // WAIT counts the replicas that have every earlier write of the connection it arrives on, so it must reach the
        // node that took the write, on the connection that carried it, after it. It names no key, and the client would
        // route it to any primary of a cluster: both go to the key's primary by name instead, the write first (one
        // interactive connection per node keeps their order).
        for (var attempt = 1; ; attempt++)
        {
            var primary = db.Multiplexer.GetServer(redisKey, flags: CommandFlags.DemandMaster);
            try
            {
                return await WriteThenWaitAsync(primary, db.Database, command, backend).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (attempt == 1 && ex.Kind == RedisErrorKind.Moved)
            {
                // The slot moved since the client last looked: that node wrote nothing, and the MOVED reply updated the
                // client's slot map, so the next attempt names the new owner. Once only; after that the error stands.
            }
        }
    }

    /// <summary>Whether the acquisition is a lone <c>SET NX PX</c>: an unfenced lock, with no replica acknowledgement.</summary>
    public static bool IsPlainSet(LeaseKind kind, LeaseOptions options, RedisBackendOptions backend) =>
        kind == LeaseKind.Lock && options is not LockOptions { Fencing: true } && backend.WaitForReplicas == 0;

    /// <summary>
    /// A plain lock's whole acquisition: <c>SET key owner PX ttl NX</c>, read as an attempt's reply (0 when taken, the
    /// "held, TTL unknown" code when not). Not async: on the hot path an extra state machine per acquire shows.
    /// </summary>
    public static Task<bool> SetIfAbsentAsync(IDatabaseAsync db, RedisKey key, string owner, TimeSpan ttl) =>
        db.StringSetAsync(key, owner, ttl, When.NotExists);

    /// <summary>What <see cref="SetIfAbsentAsync"/>'s answer means as an attempt's reply.</summary>
    public static long PlainSetReply(bool taken) => taken ? 0 : HeldTtlUnknown;

    /// <summary>
    /// How long a fence counter lives after its last raise: long enough to outlive any holder of its key by far (a
    /// counter that expired and restarted would hand out tokens an old holder's writes could beat), never under the
    /// configured FenceCounterTtl.
    /// </summary>
    public static long FenceCounterTtlMs(RedisBackendOptions backend, LeaseOptions options) =>
        (long)Math.Max(backend.FenceCounterTtl.TotalMilliseconds, options.Ttl.TotalMilliseconds * 100);

    /// <summary>
    /// How long a fair waiter's place outlives its last attempt. Waiters attempt at least every RecheckInterval, so three
    /// of those (and never under 2 s) keeps live waiters in place and lets a dead one go within seconds.
    /// </summary>
    public static TimeSpan FairWaiterTtl(RedisBackendOptions backend) =>
        backend.RecheckInterval * 3 > TimeSpan.FromSeconds(2) ? backend.RecheckInterval * 3 : TimeSpan.FromSeconds(2);

    private static async Task<(long Reply, long Acknowledged)> WriteThenWaitAsync(
        IServer primary, int database, AcquireCommand command, RedisBackendOptions backend)
    {
        RedisResult reply;
        Task<RedisResult> waiting;
        try
        {
            (reply, waiting) = await SendWithWaitAsync(primary, database, command, backend, withText: false).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // The node's script cache was emptied (restart, failover, SCRIPT FLUSH): EVALSHA wrote nothing, and the WAIT
            // behind it counted earlier writes only. Send the text, and WAIT again behind it.
            (reply, waiting) = await SendWithWaitAsync(primary, database, command, backend, withText: true).ConfigureAwait(false);
        }

        return (command.Reply(reply), (long)await waiting.ConfigureAwait(false));
    }

    /// <summary>Sends the write and, pipelined right behind it, WAIT; returns the write's reply and the pending WAIT.</summary>
    private static async Task<(RedisResult Reply, Task<RedisResult> Waiting)> SendWithWaitAsync(
        IServer primary, int database, AcquireCommand command, RedisBackendOptions backend, bool withText)
    {
        var writing = command.SendToAsync(primary, database, withText);
        var waiting = primary.ExecuteAsync(
            "WAIT", [backend.WaitForReplicas, (long)backend.ReplicaAcknowledgementTimeout.TotalMilliseconds], CommandFlags.DemandMaster);
        try
        {
            return (await writing.ConfigureAwait(false), waiting);
        }
        catch
        {
            // The write failed, so its WAIT means nothing; it still completes, and its failure must not go unobserved.
            _ = waiting.ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private static AcquireCommand Describe(
        RedisKeyLayout keys, RedisBackendOptions backend, LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options, int permits)
    {
        // Keys and arguments in the order of each script's header (Scripts/*.lua).
        var ttlMs = (long)Math.Ceiling(options.Ttl.TotalMilliseconds);
        if (options is SemaphoreOptions { Fair: true })
        {
            return AcquireCommand.Run(
                AcquireCommand.Script.FairSemaphoreAcquire,
                [redisKey, keys.SemaphoreQueue(key), keys.SemaphoreWaiters(key), keys.SemaphoreTickets(key)],
                [owner, ttlMs, permits, (long)FairWaiterTtl(backend).TotalMilliseconds]);
        }

        if (kind == LeaseKind.Semaphore)
        {
            return AcquireCommand.Run(AcquireCommand.Script.SemaphoreAcquire, [redisKey], [owner, ttlMs, permits]);
        }

        if (options is not LockOptions { Fencing: true })
        {
            // Without fencing, taking a lock is a single command; a script would only add server time. The holder's
            // remaining TTL is asked for separately, and only by a waiter that needs it.
            return AcquireCommand.SetIfAbsent(redisKey, owner, options.Ttl);
        }

        return AcquireCommand.Run(AcquireCommand.Script.LockAcquire, [redisKey, keys.Fence(key)], [owner, ttlMs, 1, FenceCounterTtlMs(backend, options)]);
    }
}
