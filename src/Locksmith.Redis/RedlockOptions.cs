namespace Locksmith.Redis;

/// <summary>Settings of the Redlock backend, set through <c>b.UseRedlock(...).ConfigureRedlock(o => ...)</c>.</summary>
public sealed class RedlockOptions
{
    /// <summary>
    /// The share of a lease's TTL allowed for clock drift between the masters (the algorithm's drift factor): a lease is
    /// trusted for TTL minus the time acquiring took minus TTL x this factor minus 2 ms. Defaults to 0.01.
    /// </summary>
    public double ClockDriftFactor { get; set; } = 0.01;

    /// <summary>
    /// How long one master may take to answer one request before it counts as failed for that attempt, so a dead or
    /// paused master costs at most this much. Keep it well under the TTL. Defaults to 250 milliseconds.
    /// </summary>
    public TimeSpan InstanceTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// After an attempt that split the masters between contenders (nobody reached a quorum), the first waiter retries
    /// after a random delay between half this and this, so contenders stop colliding. Defaults to 100 milliseconds.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Allows an even number of masters or fewer than 3. An even count adds a master without adding tolerance to
    /// failures (4 masters need 3, and survive one failure, like 3), and fewer than 3 cannot survive any failure. Defaults
    /// to <see langword="false"/>.
    /// </summary>
    public bool AllowUnsafeMasterCount { get; set; }

    internal IEnumerable<string> GetProblems(int masters)
    {
        if (masters < 3 && !AllowUnsafeMasterCount)
        {
            yield return $"UseRedlock was given {masters} master(s); Redlock needs at least 3 independent masters to survive the loss of one. " +
                "Add masters, use UseRedis for a single server, or set RedlockOptions.AllowUnsafeMasterCount = true to accept no fault tolerance.";
        }
        else if (masters % 2 == 0 && !AllowUnsafeMasterCount)
        {
            yield return $"UseRedlock was given {masters} masters, an even number: the quorum is {(masters / 2) + 1}, so the last master adds no tolerance to failures. " +
                $"Use {masters - 1} or {masters + 1} masters, or set RedlockOptions.AllowUnsafeMasterCount = true.";
        }

        if (ClockDriftFactor is < 0 or >= 0.5 || double.IsNaN(ClockDriftFactor))
        {
            yield return $"RedlockOptions.ClockDriftFactor is {ClockDriftFactor}; it must be at least 0 and below 0.5 (0.01 is usual).";
        }

        if (InstanceTimeout <= TimeSpan.Zero || InstanceTimeout == Timeout.InfiniteTimeSpan)
        {
            yield return $"RedlockOptions.InstanceTimeout is {InstanceTimeout}; it must be positive and finite, and well under the lease TTL.";
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay == Timeout.InfiniteTimeSpan)
        {
            yield return $"RedlockOptions.RetryDelay is {RetryDelay}; it must be zero or positive, and finite.";
        }
    }
}
