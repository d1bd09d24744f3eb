using Locksmith.Redis.Layout;

namespace Locksmith.Redis;

/// <summary>Settings of the Redis backend, set through <c>b.UseRedis(...).ConfigureRedis(o => ...)</c>.</summary>
public sealed class RedisBackendOptions
{
    /// <summary>
    /// Prefix of every key and channel Locksmith writes, so an ACL can limit Locksmith's user to it (<c>~ls:*</c>).
    /// Defaults to <c>"ls:"</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = RedisKeyLayout.DefaultPrefix;

    /// <summary>
    /// How long a fencing counter outlives the last acquisition of its key. Counters resume above every token they gave
    /// out even after expiring (they restart from the server clock), so this only bounds memory. Defaults to 1 day,
    /// and is never shorter than 100 lease TTLs.
    /// </summary>
    public TimeSpan FenceCounterTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The longest a waiter waits for a release notice before checking the lock again itself, so a lost pub/sub message
    /// never strands it. Jittered by up to 50% so waiters do not check in step. Positive and at most an hour. Defaults to 1 second.
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many replicas must confirm an acquisition (Redis <c>WAIT</c>, sent in the same pipeline) before it counts.
    /// Asynchronous replication is the failover hazard: a master that dies before the lock key reaches its replica lets
    /// the promoted replica grant the lock a second time. With this set, an acquisition not confirmed in time is given
    /// back and fails with <see cref="LocksmithBackendException"/>. Under Redlock it applies to each master. Defaults to
    /// 0 (do not wait).
    /// </summary>
    public int WaitForReplicas { get; set; }

    /// <summary>How long an acquisition waits for <see cref="WaitForReplicas"/> confirmations; at most a minute. Defaults to 1 second.</summary>
    public TimeSpan ReplicaAcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(1);

    internal IEnumerable<string> GetProblems()
    {
        if (WaitForReplicas < 0)
        {
            yield return $"RedisBackendOptions.WaitForReplicas is {WaitForReplicas}; it must be 0 (do not wait) or the number of replicas that must confirm an acquisition.";
        }

        if (ReplicaAcknowledgementTimeout <= TimeSpan.Zero || ReplicaAcknowledgementTimeout == Timeout.InfiniteTimeSpan || ReplicaAcknowledgementTimeout > TimeSpan.FromMinutes(1))
        {
            yield return $"RedisBackendOptions.ReplicaAcknowledgementTimeout is {ReplicaAcknowledgementTimeout}; it must be positive and at most a minute (a long WAIT blocks the connection every Locksmith call of the process shares).";
        }

        if (string.IsNullOrEmpty(KeyPrefix) || KeyPrefix.Contains('{', StringComparison.Ordinal) || KeyPrefix.Contains('}', StringComparison.Ordinal))
        {
            yield return $"RedisBackendOptions.KeyPrefix is \"{KeyPrefix}\"; it must be non-empty and contain no braces (Locksmith puts the hash tag after it).";
        }

        if (FenceCounterTtl <= TimeSpan.Zero)
        {
            yield return $"RedisBackendOptions.FenceCounterTtl is {FenceCounterTtl}; it must be positive.";
        }

        if (RecheckInterval <= TimeSpan.Zero || RecheckInterval > TimeSpan.FromHours(1))
        {
            yield return $"RedisBackendOptions.RecheckInterval is {RecheckInterval}; it must be positive and at most an hour: it bounds how long a waiter " +
                "that missed a release notice sleeps. Leave it at 1 second unless Redis is overloaded by re-checks.";
        }
    }
}
