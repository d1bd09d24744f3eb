using Locksmith.Backends;
using Locksmith.Redis.Scripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// Locks and semaphore permits on one Redis server or one Redis Cluster: one round trip per attempt (two with replica
/// acknowledgement, pipelined as one batch).
/// </summary>
internal sealed class RedisLeaseProvider : RedisLeaseProviderBase
{
    public RedisLeaseProvider(IConnectionMultiplexer connection, RedisBackendOptions options, LeaseClient client, IOptions<LocksmithOptions> defaults)
        : base(options, client, defaults)
    {
        Connection = connection;
        Notices = new ReleaseNotices(connection, Keys);
        Waiters = new RedisWaitQueues([connection], Notices.Channel, client.Logger);
    }

    public IConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public ReleaseNotices Notices { get; }

    protected override async Task<(RedisLeaseBase? Lease, long ExpiresInMs)> AttemptAsync(
        LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options, int permits)
    {
        var started = Client.Time.GetTimestamp();
        var what = kind == LeaseKind.Lock ? "acquiring the lock" : "acquiring a permit of the semaphore";
        // Not cancellable on purpose: once sent, the script may have taken the lease, and abandoning the reply would
        // leave it held by nobody until its TTL. It is one short round trip.
        long reply, acknowledged = 0;
        try
        {
            if (LeaseCommands.IsPlainSet(kind, options, Options))
            {
                // The hot path sends its SET here rather than through LeaseCommands.AcquireAsync: the two async layers
                // that would add cost 380 B and measurable throughput per acquire+release on a busy client.
                reply = LeaseCommands.PlainSetReply(await LeaseCommands.SetIfAbsentAsync(Database, redisKey, owner, options.Ttl).ConfigureAwait(false));
            }
            else
            {
                (reply, acknowledged) = await LeaseCommands.AcquireAsync(Database, Keys, Options, kind, key, redisKey, owner, options, permits).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (RedisErrors.Translate(ex, Connection, what, key) is { } translated)
        {
            if (ex is RedisTimeoutException or RedisConnectionException)
            {
                // The command may have run although its reply never came (a timeout, or a connection reset after sending):
                // then the key is ours and nobody would release it before its TTL. The owner-checked release is harmless if
                // it did not run, and lets the next waiter in at once if it did.
                _ = GiveBackAbandonedAsync(kind, key, redisKey, owner);
            }

            throw translated;
        }

        if (reply < 0)
        {
            return (null, reply == LeaseCommands.HeldTtlUnknown ? -1 : -1 - reply);
        }

        var lease = new RedisLease(this, Client, kind, key, redisKey, owner, options, started, reply, permits);
        if (lease.GrantedTooLate)
        {
            // The reply outlived the grant: trusting it would run the caller beside whoever took the key after it expired.
            // Give it back (owner-checked: harmless if it is gone) and count the attempt as not granted. Awaited: the
            // next attempt reuses the owner, and a release landing after it would take that grant back.
            await GiveBackAbandonedAsync(kind, key, redisKey, owner).ConfigureAwait(false);
            return (null, -1);
        }

        if (acknowledged < Options.WaitForReplicas)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw ReplicaAcknowledgement.TooFew(key, Connection, acknowledged, Options);
        }

        return (lease, 0);
    }

    /// <summary>Owner-checked release of one lease, with the release notice; never removes another owner's lease.</summary>
    public async ValueTask ReleaseAsync(LeaseKind kind, string key, string redisKey, string owner)
    {
        var sharded = Notices.Sharded ? 1 : 0;
        var channel = Keys.ReleaseChannel(redisKey);
        try
        {
            _ = kind == LeaseKind.Lock
                ? await LockReleaseScript.EvaluateAsync(Database, redisKey, owner, channel, sharded).ConfigureAwait(false)
                : await SemaphoreReleaseScript.EvaluateAsync(Database, redisKey, owner, channel, sharded).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisErrors.Translate(ex, Connection, "releasing", key) is { } translated)
        {
            throw translated;
        }
    }

    private async Task GiveBackAbandonedAsync(LeaseKind kind, string key, string redisKey, string owner)
    {
        try
        {
            await ReleaseAsync(kind, key, redisKey, owner).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Best effort: what this could not give back expires with its TTL.
            BackendLog.ReleaseFailed(Client.Logger, kind, key, ex);
        }
    }

    protected override async Task LeaveFairQueueAsync(string key, string redisKey, string owner)
    {
        try
        {
            await FairSemaphoreLeaveScript.EvaluateAsync(
                Database, Keys.SemaphoreQueue(key), Keys.SemaphoreWaiters(key), owner, Keys.ReleaseChannel(redisKey), Notices.Sharded ? 1 : 0).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Its place expires on its own within seconds; the callers behind it only wait that long.
            RedisLog.FairQueueLeaveFailed(Client.Logger, key, ex);
        }
    }

    protected override async Task<long> TimeToLiveAsync(string redisKey, string key)
    {
        var ttl = await RedisErrors.GuardAsync(Database.KeyTimeToLiveAsync(redisKey), Connection, "waiting for the lock", key).ConfigureAwait(false);
        return ttl is { } left ? (long)left.TotalMilliseconds : 0;
    }
}
