namespace Locksmith.Redis;

/// <summary>Settings of the Redis backend, set through <c>b.UseRedis(..., o => ...)</c>.</summary>
public sealed class RedisBackendOptions
{
    /// <summary>
    /// Prefix of every key and channel Locksmith writes, so an ACL can limit Locksmith's user to it (<c>~ls:*</c>).
    /// Defaults to <c>"ls:"</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "ls:";

    /// <summary>
    /// How long a fencing counter outlives the last acquisition of its key. Counters resume above every token they gave
    /// out even after expiring (they restart from the server clock), so this only bounds memory. Defaults to 1 day,
    /// and is never shorter than 100 lease TTLs.
    /// </summary>
    public TimeSpan FenceCounterTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The longest a waiter waits for a release notice before checking the lock again itself, so a lost pub/sub message
    /// never strands it. Jittered by up to 50% so waiters do not check in step. Defaults to 1 second.
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal IEnumerable<string> GetProblems()
    {
        if (string.IsNullOrEmpty(KeyPrefix) || KeyPrefix.Contains('{', StringComparison.Ordinal) || KeyPrefix.Contains('}', StringComparison.Ordinal))
        {
            yield return $"RedisBackendOptions.KeyPrefix is \"{KeyPrefix}\"; it must be non-empty and contain no braces (Locksmith puts the hash tag after it).";
        }

        if (FenceCounterTtl <= TimeSpan.Zero)
        {
            yield return $"RedisBackendOptions.FenceCounterTtl is {FenceCounterTtl}; it must be positive.";
        }

        if (RecheckInterval <= TimeSpan.Zero)
        {
            yield return $"RedisBackendOptions.RecheckInterval is {RecheckInterval}; it must be positive.";
        }
    }
}
