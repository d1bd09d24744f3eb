using System.Security.Cryptography;
using Locksmith.Leasing;
using Locksmith.Redis.Scripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// Locks and semaphore permits on one Redis server: one script round trip per attempt, waiting in a per-process queue
/// woken by release notices, with a jittered re-check so a lost notice never strands a waiter.
/// </summary>
internal sealed class RedisLeaseProvider : ILockProvider, ISemaphoreProvider, IAsyncDisposable, IDisposable
{
    private readonly LeaseClient _client;
    private readonly RedisBackendOptions _options;
    private readonly RedisWaitQueues _queues;
    private readonly LockOptions _lockDefaults;
    private readonly LockOptions _tryLockDefaults;
    private readonly SemaphoreOptions _semaphoreDefaults;
    private readonly SemaphoreOptions _trySemaphoreDefaults;

    public RedisLeaseProvider(IConnectionMultiplexer connection, RedisBackendOptions options, LeaseClient client, IOptions<LocksmithOptions> defaults)
    {
        Connection = connection;
        _options = options;
        _client = client;
        Keys = new RedisKeys(options.KeyPrefix);
        _queues = new RedisWaitQueues(connection, Keys, client.Logger);
        _lockDefaults = defaults.Value.Locks;
        _tryLockDefaults = _lockDefaults with { WaitTimeout = TimeSpan.Zero };
        _semaphoreDefaults = defaults.Value.Semaphores;
        _trySemaphoreDefaults = _semaphoreDefaults with { WaitTimeout = TimeSpan.Zero };
    }

    public IConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public RedisKeys Keys { get; }

    public async ValueTask<ILockLease> AcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Lock, key, options ?? _lockDefaults, 1, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ILockLease?> TryAcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Lock, key, options ?? _tryLockDefaults, 1, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public async ValueTask<ISemaphorePermit> AcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Semaphore, key, options ?? _semaphoreDefaults, permits, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ISemaphorePermit?> TryAcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Semaphore, key, options ?? _trySemaphoreDefaults, permits, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    public void Dispose() => _client.Dispose();

    private ValueTask<RedisLease?> RunAsync(LeaseKind kind, string key, LeaseOptions options, int permits, bool throwOnTimeout, CancellationToken cancellationToken)
    {
        LeaseAcquisition.Validate(key, options, kind == LeaseKind.Lock ? nameof(LockOptions) : nameof(SemaphoreOptions));
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        return LeaseAcquisition.RunAsync(
            _client, kind, key, options, throwOnTimeout, (this, kind, key, options, permits),
            static (s, ct) => s.Item1.WaitAsync(s.kind, s.key, s.options, s.permits, ct), cancellationToken);
    }

    private async ValueTask<RedisLease?> WaitAsync(LeaseKind kind, string key, LeaseOptions options, int permits, CancellationToken cancellationToken)
    {
        var redisKey = kind == LeaseKind.Lock ? Keys.Lock(key) : Keys.Semaphore(key);
        var owner = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var deadline = _client.After(_client.Time.GetTimestamp(), options.WaitTimeout);
        cancellationToken.ThrowIfCancellationRequested();
        RedisLease? lease = null;
        long expiresInMs = -1;

        // Waiters of this process queue in arrival order and only the first one tries: a caller arriving while others
        // wait (often the task that just released) goes to the back instead of barging in, so each release costs one
        // attempt and the lock passes on instead of being re-won by whoever asks fastest.
        if (options.WaitTimeout == TimeSpan.Zero || !_queues.HasWaiters(redisKey))
        {
            (lease, expiresInMs) = await AttemptAsync(kind, key, redisKey, owner, options, permits).ConfigureAwait(false);
            if (lease is not null || options.WaitTimeout == TimeSpan.Zero)
            {
                return lease;
            }
        }

        var waiter = await _queues.EnterAsync(redisKey).ConfigureAwait(false);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var first = _queues.IsFirst(waiter);
                if (first)
                {
                    // Also right after joining: a release between the first attempt and joining would otherwise be missed.
                    (lease, expiresInMs) = await AttemptAsync(kind, key, redisKey, owner, options, permits).ConfigureAwait(false);
                    if (lease is not null)
                    {
                        return lease;
                    }

                    if (expiresInMs < 0)
                    {
                        expiresInMs = await TimeToLiveAsync(redisKey, key).ConfigureAwait(false);
                    }
                }

                var remaining = _client.Until(deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    return null;
                }

                // The first waiter also wakes when the holder's TTL runs out (a crashed holder sends no notice); everyone
                // looks again now and then in case a notice was lost.
                var recheck = Jitter(_options.RecheckInterval);
                var wait = first && expiresInMs >= 0 ? Min(TimeSpan.FromMilliseconds(expiresInMs + 1) + Jitter(TimeSpan.FromMilliseconds(10)), recheck) : recheck;
                await waiter.WaitAsync(Min(wait, remaining), _client.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // A lock passes on through its release notice; a semaphore may have more permits free, so the next waiter
            // looks at once.
            _queues.Leave(waiter, passOn: lease is null || kind == LeaseKind.Semaphore);
        }
    }

    private async Task<(RedisLease? Lease, long ExpiresInMs)> AttemptAsync(
        LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options, int permits)
    {
        var db = Database;
        var ttlMs = (long)Math.Ceiling(options.Ttl.TotalMilliseconds);
        var started = _client.Time.GetTimestamp();

        // Not cancellable on purpose: once sent, the script may have taken the lease, and abandoning the reply would
        // leave it held by nobody until its TTL. It is one short round trip.
        long reply;
        var fencing = options is LockOptions { Fencing: true };
        if (kind == LeaseKind.Lock && !fencing)
        {
            // Without fencing, taking a lock is a single command; a script would only add server time. The holder's
            // remaining TTL is asked for separately, and only by a waiter that needs it.
            var taken = await RedisErrors.GuardAsync(
                db.StringSetAsync(redisKey, owner, options.Ttl, When.NotExists), Connection, "acquiring the lock", key).ConfigureAwait(false);
            return taken ? (new RedisLease(this, _client, kind, key, redisKey, owner, options, started, 0, permits), 0) : (null, -1);
        }

        if (kind == LeaseKind.Lock)
        {
            var fenceTtlMs = (long)Math.Max(_options.FenceCounterTtl.TotalMilliseconds, options.Ttl.TotalMilliseconds * 100);
            reply = await RedisErrors.GuardAsync(
                LockAcquireScript.EvaluateAsync(db, redisKey, Keys.Fence(key), owner, ttlMs, fencing ? 1 : 0, fenceTtlMs),
                Connection, "acquiring the lock", key).ConfigureAwait(false);
        }
        else
        {
            reply = await RedisErrors.GuardAsync(
                SemaphoreAcquireScript.EvaluateAsync(db, redisKey, owner, ttlMs, permits),
                Connection, "acquiring a permit of the semaphore", key).ConfigureAwait(false);
        }

        return reply >= 0
            ? (new RedisLease(this, _client, kind, key, redisKey, owner, options, started, reply, permits), 0)
            : (null, -1 - reply);
    }

    /// <summary>Milliseconds until <paramref name="redisKey"/> expires; 0 when it is already gone.</summary>
    private async Task<long> TimeToLiveAsync(string redisKey, string key)
    {
        var ttl = await RedisErrors.GuardAsync(Database.KeyTimeToLiveAsync(redisKey), Connection, "waiting for the lock", key).ConfigureAwait(false);
        return ttl is { } left ? (long)left.TotalMilliseconds : 0;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Jitter(TimeSpan span) => span * (0.5 + (Random.Shared.NextDouble() * 0.5));
}
