namespace Locksmith.Backends;

/// <summary>
/// A rate limit as a backend receives it: the algorithm and its budget. A sliding window grants at most
/// <see cref="Limit"/> permits in any <see cref="Period"/>; a token bucket holds at most <see cref="Limit"/> tokens and
/// gets <see cref="TokensPerPeriod"/> back every <see cref="Period"/>, continuously.
/// </summary>
/// <param name="Algorithm">How permits are counted.</param>
/// <param name="Limit">The window's budget, or the bucket's capacity.</param>
/// <param name="Period">The window length, or the replenishment period.</param>
/// <param name="TokensPerPeriod">The refill of a token bucket; equal to <paramref name="Limit"/> for a sliding window.</param>
public readonly record struct RateLimitPolicy(RateLimitAlgorithm Algorithm, int Limit, TimeSpan Period, int TokensPerPeriod)
{
    /// <summary>The period in whole microseconds (at least 1), the unit the backends count in.</summary>
    public long PeriodMicroseconds => Math.Max(1, Period.Ticks / 10);

    /// <summary>
    /// The microseconds one token takes to come back (a token bucket's emission interval). Fractional: 100 tokens a
    /// second come back every 10,000 µs, 3 a second every 333,333.33 µs.
    /// </summary>
    public double IntervalMicroseconds => (double)PeriodMicroseconds / TokensPerPeriod;
}
