using Locksmith.Backends;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Layout;
using Locksmith.Redis.Scripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith.Redis.ReaderWriter;

/// <summary>
/// Reader-writer locks on one Redis server or one Redis Cluster, beside (and sharing the connection, key layout, lease
/// client and release notices of) the lock provider. One acquisition attempt is one script; waiting is by release notice
/// with the jittered re-check, and every waiter of a key is woken by a notice, since a release may let many readers in.
/// </summary>
internal sealed class RedisReaderWriterLockProvider : ReaderWriterLockProviderBase<RedisReaderWriterLease>
{
    /// <summary>What rw_upgrade.lua answers when the upgrading owner no longer holds its upgradeable read: -2^53.</summary>
    private const long UpgradeNotHeld = -9007199254740992;

    private readonly RedisLeaseProvider _locks;
    private readonly RedisWaitQueues _waiters;

    public RedisReaderWriterLockProvider(RedisLeaseProvider locks, IOptions<LocksmithOptions> defaults)
        : base(locks.Client, defaults)
    {
        _locks = locks;
        _waiters = new RedisWaitQueues([locks.Connection], locks.Notices.Channel, locks.Client.Logger);
    }

    public RedisKeyLayout Keys => _locks.Keys;

    public IDatabase Database => _locks.Database;

    public IConnectionMultiplexer Connection => _locks.Connection;

    private RedisBackendOptions Backend => _locks.Options;

    protected override async ValueTask<RedisReaderWriterLease?> WaitAsync(LeaseKind kind, string key, LockOptions options, CancellationToken cancellationToken)
    {
        var keys = Keys.ReaderWriter(key);
        var owner = RedisLeaseProviderBase.NewOwner();
        var deadline = Client.After(Client.Time.GetTimestamp(), options.WaitTimeout);
        RedisReaderWriterLease? lease = null;
        try
        {
            // The first attempt apart from the wait loop: an uncontended acquisition allocates no closure for it.
            cancellationToken.ThrowIfCancellationRequested();
            (lease, var expiresInMs) = await AttemptAsync(kind, key, keys, owner, options).ConfigureAwait(false);
            if (lease is null && Client.Until(deadline) > TimeSpan.Zero)
            {
                lease = await WaitLongerAsync(kind, key, keys, owner, options, deadline, expiresInMs, cancellationToken).ConfigureAwait(false);
            }

            return lease;
        }
        finally
        {
            if (lease is null && kind == LeaseKind.WriteLock)
            {
                // A writer that gave up must stop holding readers back now, not when its intent expires.
                await LeaveIntentAsync(key, keys, owner).ConfigureAwait(false);
            }
        }
    }

    private async Task<RedisReaderWriterLease?> WaitLongerAsync(
        LeaseKind kind, string key, ReaderWriterKeys keys, string owner, LockOptions options, long deadline, long expiresInMs, CancellationToken cancellationToken)
    {
        RedisReaderWriterLease? lease = null;
        await WaitForAsync(
            keys, deadline, expiresInMs, async () =>
            {
                (lease, var next) = await AttemptAsync(kind, key, keys, owner, options).ConfigureAwait(false);
                return next;
            },
            cancellationToken).ConfigureAwait(false);
        return lease;
    }

    /// <summary>One acquisition attempt: the lease, or null and the milliseconds until what blocks it could expire (-1 when unknown).</summary>
    private async Task<(RedisReaderWriterLease? Lease, long ExpiresInMs)> AttemptAsync(
        LeaseKind kind, string key, ReaderWriterKeys keys, string owner, LockOptions options)
    {
        var started = Client.Time.GetTimestamp();
        var fencing = kind == LeaseKind.WriteLock && options.Fencing;
        var (reply, acknowledged) = await SendAsync(key, keys, owner, Command(kind, keys, owner, options, fencing), Describe(kind), giveBackOnDoubt: true).ConfigureAwait(false);
        if (reply < 0)
        {
            return (null, -1 - reply);
        }

        var granted = new RedisReaderWriterLease(this, kind, key, keys, owner, options, started, reply);
        if (granted.GrantedTooLate)
        {
            // The reply outlived the grant; give it back (owner-checked) before the next attempt reuses the owner.
            await GiveBackAsync(kind, key, keys, owner).ConfigureAwait(false);
            return (null, -1);
        }

        if (acknowledged < Backend.WaitForReplicas)
        {
            await granted.DisposeAsync().ConfigureAwait(false);
            throw ReplicaAcknowledgement.TooFew(key, Connection, acknowledged, Backend);
        }

        return (granted, 0);
    }

    /// <summary>Upgrades <paramref name="lease"/> in place: its intent holds new readers back until the ones in have left.</summary>
    public async ValueTask<long?> UpgradeAsync(RedisReaderWriterLease lease, CancellationToken cancellationToken)
    {
        var (key, keys, owner, options) = (lease.Key, lease.Keys, lease.Owner, lease.Options);
        long? token = null;
        try
        {
            await WaitForAsync(
                keys, Client.After(Client.Time.GetTimestamp(), options.WaitTimeout), null, async () =>
                {
                    var command = AcquireCommand.Run(
                        AcquireCommand.Script.Upgrade, [keys.Readers, keys.Writer, keys.Intent, keys.Upgrader, keys.Fence],
                        [owner, TtlMs(options), options.Fencing ? 1 : 0, LeaseCommands.FenceCounterTtlMs(Backend, options), IntentTtlMs]);
                    var (reply, acknowledged) = await SendAsync(key, keys, owner, command, "upgrading the read lock of", giveBackOnDoubt: false).ConfigureAwait(false);
                    if (reply == UpgradeNotHeld)
                    {
                        RedisLog.UpgradeFoundNoHold(Client.Logger, key);
                        throw new InvalidOperationException(
                            $"The upgradeable read lease on '{key}' is no longer held on Redis (it expired or was removed), so it cannot be upgraded. Take the write lock anew.");
                    }

                    if (reply < 0)
                    {
                        return -1 - reply;
                    }

                    if (acknowledged < Backend.WaitForReplicas)
                    {
                        throw ReplicaAcknowledgement.TooFew(key, Connection, acknowledged, Backend);
                    }

                    token = reply;
                    return 0;
                },
                cancellationToken).ConfigureAwait(false);
            return token;
        }
        finally
        {
            if (token is null)
            {
                await LeaveIntentAsync(key, keys, owner).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Owner-checked release of one read hold; the notice goes out only when a waiting writer or upgrade could now get in.</summary>
    public async ValueTask ReleaseReadAsync(string key, ReaderWriterKeys keys, string owner)
    {
        try
        {
            _ = await RwReadReleaseScript.EvaluateAsync(
                Database, keys.Readers, keys.Intent, keys.NoticeKey, owner, Keys.ReleaseChannel(keys.NoticeKey), _locks.Notices.Sharded ? 1 : 0).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisErrors.Translate(ex, Connection, "releasing the read lock", key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Owner-checked release of every hold of <paramref name="owner"/> on the key, with the release notice.</summary>
    public async ValueTask ReleaseAsync(string key, ReaderWriterKeys keys, string owner)
    {
        try
        {
            _ = await RwReleaseScript.EvaluateAsync(
                Database, keys.Readers, keys.Writer, keys.Intent, keys.Upgrader, owner, Keys.ReleaseChannel(keys.NoticeKey), _locks.Notices.Sharded ? 1 : 0).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisErrors.Translate(ex, Connection, "releasing the reader-writer lock", key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Attempts until <paramref name="attempt"/> returns 0, or the <paramref name="deadline"/> passes. An attempt returns the
    /// milliseconds until what blocks it could expire (-1 when unknown); <paramref name="attempted"/> is the answer of an
    /// attempt the caller already made. The first failed attempt subscribes to the key's notices and tries again at once,
    /// so a release between the two is never missed; after that a notice, the blocker's expiry or the jittered re-check
    /// wakes it. A waiting writer's intent is renewed by each attempt, well within its lifetime.
    /// </summary>
    private async Task WaitForAsync(ReaderWriterKeys keys, long deadline, long? attempted, Func<Task<long>> attempt, CancellationToken cancellationToken)
    {
        RedisWaiter? waiter = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var expiresInMs = attempted ?? await attempt().ConfigureAwait(false);
                attempted = null;
                if (expiresInMs == 0)
                {
                    return;
                }

                var remaining = Client.Until(deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    return;
                }

                if (waiter is null)
                {
                    waiter = await _waiters.EnterAsync(keys.NoticeKey, wakeAll: true).ConfigureAwait(false);
                    continue;
                }

                await waiter.WaitAsync(
                    RedisLeaseProviderBase.Min(RedisLeaseProviderBase.NextLook(Backend, expiresInMs), remaining), Client.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (waiter is not null)
            {
                _waiters.Leave(waiter, passOn: false);
            }
        }
    }

    private AcquireCommand Command(LeaseKind kind, ReaderWriterKeys keys, string owner, LockOptions options, bool fencing) => kind switch
    {
        LeaseKind.ReadLock => AcquireCommand.Run(
            AcquireCommand.Script.ReadAcquire, [keys.Readers, keys.Writer, keys.Intent], [owner, TtlMs(options)]),
        LeaseKind.WriteLock => AcquireCommand.Run(
            AcquireCommand.Script.WriteAcquire, [keys.Readers, keys.Writer, keys.Intent, keys.Upgrader, keys.Fence],
            [owner, TtlMs(options), fencing ? 1 : 0, LeaseCommands.FenceCounterTtlMs(Backend, options), IntentTtlMs]),
        _ => AcquireCommand.Run(AcquireCommand.Script.UpgradeableReadAcquire, [keys.Writer, keys.Intent, keys.Upgrader], [owner, TtlMs(options)]),
    };

    /// <summary>
    /// How long a waiting writer's intent outlives its last attempt: the fair waiter's lifetime (three re-check intervals,
    /// at least 2 s), so a live waiter keeps it and a dead one stops holding readers back within seconds.
    /// </summary>
    private long IntentTtlMs => (long)LeaseCommands.FairWaiterTtl(Backend).TotalMilliseconds;

    private static long TtlMs(LeaseOptions options) => (long)Math.Ceiling(options.Ttl.TotalMilliseconds);

    private static string Describe(LeaseKind kind) => kind switch
    {
        LeaseKind.ReadLock => "acquiring the read lock",
        LeaseKind.WriteLock => "acquiring the write lock",
        _ => "acquiring the upgradeable read lock",
    };

    /// <summary>
    /// One script, not cancellable once sent (it may have granted). An acquisition whose reply was lost gives back what it
    /// may have taken; an upgrade does not (the lease still holds its read, and its release removes a write hold too).
    /// </summary>
    private async Task<(long Reply, long Acknowledged)> SendAsync(
        string key, ReaderWriterKeys keys, string owner, AcquireCommand command, string what, bool giveBackOnDoubt)
    {
        try
        {
            return await LeaseCommands.SendAsync(Database, Backend, keys.Writer, command).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisErrors.Translate(ex, Connection, what, key) is { } translated)
        {
            if (giveBackOnDoubt && ex is RedisTimeoutException or RedisConnectionException)
            {
                // The script may have run although its reply never came; the owner-checked release is harmless if not.
                _ = GiveBackAsync(LeaseKind.ReadLock, key, keys, owner);
            }

            throw translated;
        }
    }

    private async Task GiveBackAsync(LeaseKind kind, string key, ReaderWriterKeys keys, string owner)
    {
        try
        {
            await ReleaseAsync(key, keys, owner).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Best effort: what this could not give back expires with its TTL.
            BackendLog.ReleaseFailed(Client.Logger, kind, key, ex);
        }
    }

    private async Task LeaveIntentAsync(string key, ReaderWriterKeys keys, string owner)
    {
        try
        {
            await RwIntentLeaveScript.EvaluateAsync(
                Database, keys.Intent, keys.NoticeKey, owner, Keys.ReleaseChannel(keys.NoticeKey), _locks.Notices.Sharded ? 1 : 0).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            RedisLog.IntentLeaveFailed(Client.Logger, key, ex);
        }
    }
}
