namespace Locksmith.Redis.Redlock;

/// <summary>The arithmetic of Redlock: how many masters must agree, and how much of a TTL can be trusted.</summary>
internal static class RedlockQuorum
{
    /// <summary>
    /// Masters that must grant a lease of a resource with <paramref name="permits"/> permits. For a lock (one permit) it
    /// is the majority, M/2+1. For N permits, each master admits at most N holders and each holder is on W masters, so
    /// N+1 holders would need (N+1)W entries where only MN exist: W = floor(MN/(N+1))+1 makes that impossible. A majority
    /// alone would not: with 3 masters and 2 permits, 3 holders fit on 2 masters each.
    /// </summary>
    public static int Required(int masters, int permits) => (int)((long)masters * permits / (permits + 1)) + 1;

    /// <summary>The allowance for clock drift between masters over one TTL: the drift factor of it plus 2 ms.</summary>
    public static TimeSpan DriftAllowance(TimeSpan ttl, double driftFactor) => (ttl * driftFactor) + TimeSpan.FromMilliseconds(2);
}
