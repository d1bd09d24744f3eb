using Locksmith.Backends;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Scripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith.Redis.Redlock;

/// <summary>
/// Locks and semaphore permits over N independent Redis masters (the Redlock algorithm): the same key and owner token
/// tried on every master at once, granted only when a quorum agrees within the lease's validity time.
/// </summary>
internal sealed class RedlockLeaseProvider : RedisLeaseProviderBase
{
    public RedlockLeaseProvider(RedlockMasters masters, RedisBackendOptions options, RedlockOptions redlock, LeaseClient client, IOptions<LocksmithOptions> defaults)
        : base(options, client, defaults)
    {
        Masters = masters;
        Redlock = redlock;
        Waiters = new RedisWaitQueues(masters.Connections, redisKey => RedisChannel.Literal(Keys.ReleaseChannel(redisKey)), client.Logger);
    }

    public RedlockMasters Masters { get; }

    public RedlockOptions Redlock { get; }

    public TimeSpan DriftAllowance(TimeSpan ttl) => RedlockQuorum.DriftAllowance(ttl, Redlock.ClockDriftFactor);

    protected override void ValidateFor(LeaseKind kind, LeaseOptions options, int permits)
    {
        if (options is SemaphoreOptions { Fair: true })
        {
            throw new ArgumentException(
                "SemaphoreOptions.Fair is not available with Redlock: independent masters cannot agree on one waiting order. " +
                "Use UseRedis (one server or a Redis Cluster) for fair semaphores, or leave Fair off.", nameof(options));
        }

        var trusted = options.Ttl - DriftAllowance(options.Ttl) - Redlock.InstanceTimeout;
        if (trusted <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.Ttl,
                $"A Redlock lease of {options.Ttl.TotalMilliseconds} ms would be trusted for no time at all once the drift allowance " +
                $"({DriftAllowance(options.Ttl).TotalMilliseconds} ms) and one RedlockOptions.InstanceTimeout ({Redlock.InstanceTimeout.TotalMilliseconds} ms) " +
                "are taken off. Use a longer Ttl or a shorter InstanceTimeout.");
        }
    }

    protected override async Task<(RedisLeaseBase? Lease, long ExpiresInMs)> AttemptAsync(
        LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options, int permits)
    {
        await Masters.EnsureDistinctAsync().ConfigureAwait(false);
        var needed = RedlockQuorum.Required(Masters.Count, kind == LeaseKind.Lock ? 1 : permits);
        var started = Client.Time.GetTimestamp();
        var call = await QuorumCall.RunAsync(
            Masters.Count,
            i => LeaseCommands.AcquireAsync(Masters.Database(i), Keys, Options, kind, key, redisKey, owner, options, permits),
            v => v.Reply >= 0 && v.Acknowledged >= Options.WaitForReplicas, needed, Redlock.InstanceTimeout, Client.Time).ConfigureAwait(false);
        var outcomes = call.Outcomes;
        var granted = Enumerable.Range(0, Masters.Count).Where(i => Granted(outcomes[i], i)).ToList();

        var fencing = options is LockOptions { Fencing: true };
        var token = 0L;
        if (granted.Count >= needed && fencing)
        {
            token = granted.Max(i => outcomes[i].Value.Reply);
            granted = await RaiseFencesAsync(key, granted, token, options).ConfigureAwait(false);
        }

        var validity = options.Ttl - Client.Time.GetElapsedTime(started) - DriftAllowance(options.Ttl);
        if (granted.Count >= needed && validity > TimeSpan.Zero)
        {
            return (new RedlockLease(this, kind, key, redisKey, owner, options, started, token, permits), 0);
        }

        // No quorum in time: give back every part at once, including parts granted after the snapshot, so contenders
        // are not blocked by a lease nobody holds.
        await ReleaseEverywhereAsync(kind, redisKey, owner).ConfigureAwait(false);
        if (call.Unavailable > Masters.Count - needed)
        {
            throw Unavailable(key, call, needed);
        }

        return (null, RetryInMs(outcomes, granted.Count > 0, needed));
    }

    protected override async Task<long> TimeToLiveAsync(string redisKey, string key)
    {
        // The lease can be had once a quorum of masters no longer holds the key: the needed-th shortest remaining TTL.
        var call = await QuorumCall.RunAsync(
            Masters.Count, i => Masters.Database(i).KeyTimeToLiveAsync(redisKey), _ => true, Masters.Count, Redlock.InstanceTimeout, Client.Time).ConfigureAwait(false);
        var ttls = call.Outcomes.Where(o => o.State == MasterState.Answered).Select(o => o.Value is { } left ? (long)left.TotalMilliseconds : 0).Order().ToList();
        var needed = RedlockQuorum.Required(Masters.Count, 1);
        var retry = (long)Jitter(Redlock.RetryDelay).TotalMilliseconds;
        return ttls.Count >= needed ? Math.Max(ttls[needed - 1], retry) : retry;
    }

    /// <summary>
    /// Sends the owner-checked release to every master at once and returns once a quorum has done it (or after one
    /// instance timeout): the rest are already on their way, and each master runs them before any later request of this
    /// process, since requests to one master travel in order on one connection.
    /// </summary>
    public async Task ReleaseEverywhereAsync(LeaseKind kind, string redisKey, string owner)
    {
        var channel = Keys.ReleaseChannel(redisKey);
        var call = await QuorumCall.RunAsync(
            Masters.Count,
            i => kind == LeaseKind.Lock
                ? LockReleaseScript.EvaluateAsync(Masters.Database(i), redisKey, owner, channel, 0)
                : SemaphoreReleaseScript.EvaluateAsync(Masters.Database(i), redisKey, owner, channel, 0),
            _ => true, RedlockQuorum.Required(Masters.Count, 1), Redlock.InstanceTimeout, Client.Time).ConfigureAwait(false);
        if (call.Outcomes.FirstOrDefault(o => o.State == MasterState.Failed).Error is { } error)
        {
            // The parts on unreachable masters expire with their TTL; a paused master runs the queued release when it resumes.
            RedisLog.RedlockReleaseIncomplete(Client.Logger, redisKey, error);
        }
    }

    private bool Granted(MasterOutcome<(long Reply, long Acknowledged)> outcome, int master) =>
        outcome.State == MasterState.Answered
        && outcome.Value.Reply >= 0
        && outcome.Value.Acknowledged >= Options.WaitForReplicas
        && Masters.IsIdentified(master);

    /// <summary>
    /// Raises the fencing counter of every granting master to the lease's token, so any later quorum, which shares a
    /// master with this one, mints a higher token. Returns the masters where that worked.
    /// </summary>
    private async Task<List<int>> RaiseFencesAsync(string key, List<int> granted, long token, LeaseOptions options)
    {
        var fenceTtlMs = LeaseCommands.FenceCounterTtlMs(Options, options);
        var fence = Keys.Fence(key);
        var call = await QuorumCall.RunAsync(
            granted.Count, j => FenceRaiseScript.EvaluateAsync(Masters.Database(granted[j]), fence, token, fenceTtlMs),
            _ => true, granted.Count, Redlock.InstanceTimeout, Client.Time).ConfigureAwait(false);
        return [.. Enumerable.Range(0, granted.Count).Where(j => call.Outcomes[j].State == MasterState.Answered).Select(j => granted[j])];
    }

    private long RetryInMs(MasterOutcome<(long Reply, long Acknowledged)>[] outcomes, bool split, int needed)
    {
        var retry = (long)Jitter(Redlock.RetryDelay).TotalMilliseconds;
        if (split)
        {
            // Contenders split the masters: back off for a random time so they stop colliding.
            return retry;
        }

        var answers = outcomes.Where(o => o.State == MasterState.Answered).Select(o => o.Value.Reply).ToList();
        if (answers.Contains(LeaseCommands.HeldTtlUnknown))
        {
            return -1;
        }

        // Masters that refused say when their holder's TTL ends; a quorum of them is free at the needed-th shortest.
        var freeIn = answers.Select(r => r >= 0 ? 0 : -1 - r).Order().ToList();
        return freeIn.Count >= needed ? Math.Max(freeIn[needed - 1], retry) : retry;
    }

    private RedlockQuorumException Unavailable(string key, QuorumResult<(long, long)> call, int needed)
    {
        var outcomes = call.Outcomes;
        var failures = Enumerable.Range(0, Masters.Count)
            .Where(i => outcomes[i].State == MasterState.Failed || (call.TimedOut && outcomes[i].State == MasterState.Pending))
            .Select(i => $"{Masters.Describe(i)} ({(outcomes[i].State == MasterState.Pending ? $"no answer within {Redlock.InstanceTimeout.TotalMilliseconds} ms" : FirstClause(outcomes[i].Error!.Message))})");
        var reachable = Masters.Count - call.Unavailable;
        return new RedlockQuorumException(
            $"Only {reachable} of {Masters.Count} Redlock masters could be reached while acquiring '{key}', and {needed} must agree. " +
            $"Nothing was left held. Unreachable: {string.Join("; ", failures)}. Check that the masters are running and reachable, " +
            "or raise RedlockOptions.InstanceTimeout if they are merely slow.",
            reachable, needed, Masters.Count, outcomes.FirstOrDefault(o => o.Error is not null).Error);
    }

    // StackExchange.Redis appends pool and thread statistics to its messages; the first clause says what happened.
    private static string FirstClause(string message) =>
        message.IndexOf(", mc:", StringComparison.Ordinal) is var cut and > 0 ? message[..cut] : message;
}
