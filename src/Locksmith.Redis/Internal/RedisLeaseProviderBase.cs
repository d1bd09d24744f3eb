using System.Security.Cryptography;
using Locksmith.Leasing;
using Locksmith.Redis.Layout;
using Microsoft.Extensions.Options;

namespace Locksmith.Redis.Internal;

/// <summary>
/// What every Redis topology shares: the provider API, argument checks, owner tokens, and waiting in a per-process
/// queue woken by release notices, with a jittered re-check so a lost notice never strands a waiter. A topology (one
/// server or cluster, Redlock over independent masters) supplies one acquisition attempt.
/// </summary>
internal abstract class RedisLeaseProviderBase : ILockProvider, ISemaphoreProvider, IAsyncDisposable, IDisposable
{
    private readonly LockOptions _lockDefaults;
    private readonly LockOptions _tryLockDefaults;
    private readonly SemaphoreOptions _semaphoreDefaults;
    private readonly SemaphoreOptions _trySemaphoreDefaults;

    protected RedisLeaseProviderBase(RedisBackendOptions options, LeaseClient client, IOptions<LocksmithOptions> defaults)
    {
        Options = options;
        Client = client;
        Keys = new RedisKeyLayout(options.KeyPrefix);
        _lockDefaults = defaults.Value.Locks;
        _tryLockDefaults = _lockDefaults with { WaitTimeout = TimeSpan.Zero };
        _semaphoreDefaults = defaults.Value.Semaphores;
        _trySemaphoreDefaults = _semaphoreDefaults with { WaitTimeout = TimeSpan.Zero };
    }

    public RedisKeyLayout Keys { get; }

    public RedisBackendOptions Options { get; }

    /// <summary>The clock, logger and renewal loop every lease of this provider shares.</summary>
    public LeaseClient Client { get; }

    /// <summary>This process's waiters; set by the topology once it knows its connections and channel kind.</summary>
    protected RedisWaitQueues Queues { get; set; } = null!;

    public async ValueTask<ILockLease> AcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Lock, key, options ?? _lockDefaults, 1, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ILockLease?> TryAcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Lock, key, options ?? _tryLockDefaults, 1, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public async ValueTask<ISemaphorePermit> AcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Semaphore, key, options ?? _semaphoreDefaults, permits, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ISemaphorePermit?> TryAcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Semaphore, key, options ?? _trySemaphoreDefaults, permits, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    public void Dispose() => Client.Dispose();

    /// <summary>
    /// One attempt: the lease when granted, else null and the milliseconds after which the holder's TTL could free it
    /// (-1 when unknown, in which case <see cref="TimeToLiveAsync"/> is asked if a waiter needs it).
    /// </summary>
    protected abstract Task<(RedisLeaseBase? Lease, long ExpiresInMs)> AttemptAsync(
        LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options, int permits);

    /// <summary>Milliseconds until <paramref name="redisKey"/> expires; 0 when it is already gone.</summary>
    protected abstract Task<long> TimeToLiveAsync(string redisKey, string key);

    /// <summary>Checks options a topology cannot honour (for example a TTL shorter than Redlock's drift allowance).</summary>
    protected virtual void ValidateFor(LeaseKind kind, LeaseOptions options, int permits)
    {
    }

    /// <summary>A 128-bit owner token from the cryptographic generator, as 32 hex digits.</summary>
    protected static string NewOwner()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes);
    }

    protected static TimeSpan Jitter(TimeSpan span) => span * (0.5 + (Random.Shared.NextDouble() * 0.5));

    private ValueTask<RedisLeaseBase?> RunAsync(LeaseKind kind, string key, LeaseOptions options, int permits, bool throwOnTimeout, CancellationToken cancellationToken)
    {
        LeaseAcquisition.Validate(key, options, kind == LeaseKind.Lock ? nameof(LockOptions) : nameof(SemaphoreOptions));
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ValidateFor(kind, options, permits);
        return LeaseAcquisition.RunAsync(
            Client, kind, key, options, throwOnTimeout, (this, kind, key, options, permits),
            static (s, ct) => s.Item1.WaitAsync(s.kind, s.key, s.options, s.permits, ct), cancellationToken);
    }

    /// <summary>Takes a fair waiter's place out of the queue when it gives up.</summary>
    protected virtual Task LeaveFairQueueAsync(string key, string redisKey, string owner) => Task.CompletedTask;

    private async ValueTask<RedisLeaseBase?> WaitAsync(LeaseKind kind, string key, LeaseOptions options, int permits, CancellationToken cancellationToken)
    {
        if (options is SemaphoreOptions { Fair: true })
        {
            return await FairWaitAsync(key, options, permits, cancellationToken).ConfigureAwait(false);
        }

        var redisKey = kind == LeaseKind.Lock ? Keys.Lock(key) : Keys.Semaphore(key);
        var owner = NewOwner();
        var deadline = Client.After(Client.Time.GetTimestamp(), options.WaitTimeout);
        cancellationToken.ThrowIfCancellationRequested();
        RedisLeaseBase? lease = null;
        long expiresInMs = -1;

        // Waiters of this process queue in arrival order and only the first one tries: a caller arriving while others
        // wait (often the task that just released) goes to the back instead of barging in, so each release costs one
        // attempt and the lock passes on instead of being re-won by whoever asks fastest.
        if (options.WaitTimeout == TimeSpan.Zero || !Queues.HasWaiters(redisKey))
        {
            (lease, expiresInMs) = await AttemptAsync(kind, key, redisKey, owner, options, permits).ConfigureAwait(false);
            if (lease is not null || options.WaitTimeout == TimeSpan.Zero)
            {
                return lease;
            }
        }

        var waiter = await Queues.EnterAsync(redisKey).ConfigureAwait(false);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var first = Queues.IsFirst(waiter);
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

                var remaining = Client.Until(deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    return null;
                }

                // Only the first waiter has looked, so only it knows when the holder's TTL runs out.
                await waiter.WaitAsync(Min(NextLook(first ? expiresInMs : -1), remaining), Client.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // A lock passes on through its release notice; a semaphore may have more permits free, so the next waiter
            // looks at once.
            Queues.Leave(waiter, passOn: lease is null || kind == LeaseKind.Semaphore);
        }
    }

    /// <summary>
    /// Waiting for a fair permit: the order is kept by the server's queue, not by this process, so every waiter attempts
    /// (which also keeps its place alive) whenever a notice or its re-check wakes it, and a waiter that gives up leaves the
    /// queue at once.
    /// </summary>
    private async ValueTask<RedisLeaseBase?> FairWaitAsync(string key, LeaseOptions options, int permits, CancellationToken cancellationToken)
    {
        var redisKey = Keys.Semaphore(key);
        var owner = NewOwner();
        var deadline = Client.After(Client.Time.GetTimestamp(), options.WaitTimeout);
        RedisLeaseBase? lease = null;
        RedisWaiter? waiter = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (lease, var expiresInMs) = await AttemptAsync(LeaseKind.Semaphore, key, redisKey, owner, options, permits).ConfigureAwait(false);
                if (lease is not null)
                {
                    return lease;
                }

                var remaining = Client.Until(deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    return null;
                }

                if (waiter is null)
                {
                    // Attempt once more right after subscribing: a release in between would otherwise go unheard.
                    waiter = await Queues.EnterAsync(redisKey, wakeAll: true).ConfigureAwait(false);
                    continue;
                }

                await waiter.WaitAsync(Min(NextLook(expiresInMs), remaining), Client.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (waiter is not null)
            {
                Queues.Leave(waiter, passOn: false);
            }

            if (lease is null)
            {
                await LeaveFairQueueAsync(key, redisKey, owner).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// How long a waiter sleeps unless a notice wakes it: until the holder's TTL runs out when that is known (a crashed
    /// holder sends no notice), and never longer than a jittered re-check, in case a notice was lost.
    /// </summary>
    private TimeSpan NextLook(long expiresInMs)
    {
        var recheck = Jitter(Options.RecheckInterval);
        return expiresInMs >= 0 ? Min(TimeSpan.FromMilliseconds(expiresInMs + 1) + Jitter(TimeSpan.FromMilliseconds(10)), recheck) : recheck;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
