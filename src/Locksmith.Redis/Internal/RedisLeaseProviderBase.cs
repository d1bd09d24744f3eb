using System.Security.Cryptography;
using Locksmith.Backends;
using Locksmith.Redis.Layout;
using Microsoft.Extensions.Options;

namespace Locksmith.Redis.Internal;

/// <summary>
/// What every Redis topology shares behind the common provider front door: owner tokens, and waiting in a per-process
/// queue woken by release notices, with a jittered re-check so a lost notice never strands a waiter. A topology (one
/// server or cluster, Redlock over independent masters) supplies one acquisition attempt.
/// </summary>
internal abstract class RedisLeaseProviderBase : LeaseProviderBase<RedisLeaseBase>
{
    protected RedisLeaseProviderBase(RedisBackendOptions options, LeaseClient client, IOptions<LocksmithOptions> defaults)
        : base(client, defaults)
    {
        Options = options;
        Keys = new RedisKeyLayout(options.KeyPrefix);
    }

    public RedisKeyLayout Keys { get; }

    public RedisBackendOptions Options { get; }

    /// <summary>This process's waiters; set by the topology once it knows its connections and channel kind.</summary>
    protected RedisWaitQueues Waiters { get; set; } = null!;

    /// <summary>
    /// One attempt: the lease when granted, else null and the milliseconds after which the holder's TTL could free it
    /// (-1 when unknown, in which case <see cref="TimeToLiveAsync"/> is asked if a waiter needs it).
    /// </summary>
    protected abstract Task<(RedisLeaseBase? Lease, long ExpiresInMs)> AttemptAsync(
        LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options, int permits);

    /// <summary>Milliseconds until <paramref name="redisKey"/> expires; 0 when it is already gone.</summary>
    protected abstract Task<long> TimeToLiveAsync(string redisKey, string key);

    /// <summary>A 128-bit owner token from the cryptographic generator, as 32 hex digits.</summary>
    internal static string NewOwner()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes);
    }

    internal static TimeSpan Jitter(TimeSpan span) => span * (0.5 + (Random.Shared.NextDouble() * 0.5));

    /// <summary>Takes a fair waiter's place out of the queue when it gives up.</summary>
    protected virtual Task LeaveFairQueueAsync(string key, string redisKey, string owner) => Task.CompletedTask;

    protected override async ValueTask<RedisLeaseBase?> WaitAsync(LeaseKind kind, string key, LeaseOptions options, int permits, CancellationToken cancellationToken)
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
        if (options.WaitTimeout == TimeSpan.Zero || !Waiters.HasWaiters(redisKey))
        {
            (lease, expiresInMs) = await AttemptAsync(kind, key, redisKey, owner, options, permits).ConfigureAwait(false);
            if (lease is not null || options.WaitTimeout == TimeSpan.Zero)
            {
                return lease;
            }
        }

        var waiter = await Waiters.EnterAsync(redisKey).ConfigureAwait(false);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var first = Waiters.IsFirst(waiter);
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
                await waiter.WaitAsync(Min(NextLook(Options, first ? expiresInMs : -1), remaining), Client.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // A lock passes on through its release notice; a semaphore may have more permits free, so the next waiter
            // looks at once.
            Waiters.Leave(waiter, passOn: lease is null || kind == LeaseKind.Semaphore);
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
                    waiter = await Waiters.EnterAsync(redisKey, wakeAll: true).ConfigureAwait(false);
                    continue;
                }

                await waiter.WaitAsync(Min(NextLook(Options, expiresInMs), remaining), Client.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (waiter is not null)
            {
                Waiters.Leave(waiter, passOn: false);
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
    internal static TimeSpan NextLook(RedisBackendOptions options, long expiresInMs)
    {
        var recheck = Jitter(options.RecheckInterval);
        return expiresInMs >= 0 ? Min(TimeSpan.FromMilliseconds(expiresInMs + 1) + Jitter(TimeSpan.FromMilliseconds(10)), recheck) : recheck;
    }

    internal static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
