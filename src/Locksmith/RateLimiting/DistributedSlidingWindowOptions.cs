namespace Locksmith;

/// <summary>
/// A sliding-window rate limit shared by every process: at most <see cref="PermitLimit"/> permits in any window of
/// length <see cref="Window"/>, whenever it starts (<see cref="RateLimitAlgorithm.SlidingWindow"/>).
/// </summary>
public sealed record DistributedSlidingWindowOptions : DistributedRateLimiterOptions
{
    /// <summary>The most permits granted in any window; at least 1 and at most <see cref="MaxPermitLimit"/>. Required.</summary>
    public required int PermitLimit { get; init; }

    /// <summary>The window length, between 1 ms and a year. Required.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>
    /// The largest <see cref="PermitLimit"/>: the backend remembers each permit granted in the window (a sorted-set
    /// entry on Redis), so the limit bounds the memory of one key. Use a token bucket for larger budgets.
    /// </summary>
    public const int MaxPermitLimit = 100_000;

    internal override Backends.RateLimitPolicy Policy => new(RateLimitAlgorithm.SlidingWindow, PermitLimit, Window, PermitLimit);

    internal override IEnumerable<string> GetProblems(string name)
    {
        foreach (var problem in base.GetProblems(name))
        {
            yield return problem;
        }

        if (PermitLimit < 1 || PermitLimit > MaxPermitLimit)
        {
            yield return $"{name}.PermitLimit is {PermitLimit}; it must be between 1 and {MaxPermitLimit}.";
        }

        foreach (var problem in PeriodProblems(name, nameof(Window), Window))
        {
            yield return problem;
        }
    }
}
