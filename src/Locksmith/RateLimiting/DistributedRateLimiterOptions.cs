namespace Locksmith;

/// <summary>What every distributed rate limiter shares: how long an acquisition may wait for permits.</summary>
public abstract record DistributedRateLimiterOptions
{
    /// <summary>
    /// How long <see cref="System.Threading.RateLimiting.RateLimiter.AcquireAsync"/> may wait for permits. The backend
    /// says when enough permits will be free (its retry-after); the limiter waits exactly that long and asks again, and
    /// returns a failed lease at once when the retry-after lies beyond what is left of this timeout.
    /// <see cref="TimeSpan.Zero"/> never waits (what the ASP.NET Core middleware expects: reject with Retry-After);
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits until cancelled. Defaults to <see cref="TimeSpan.Zero"/>.
    /// </summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The algorithm and budget these options describe, as the backend receives them.</summary>
    internal abstract Backends.RateLimitPolicy Policy { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting and how to fix it.</summary>
    /// <param name="name">How the caller knows these options, used in the message.</param>
    public void Validate(string name = "options")
    {
        var problems = GetProblems(name).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }
    }

    internal virtual IEnumerable<string> GetProblems(string name)
    {
        if (WaitTimeout < TimeSpan.Zero && WaitTimeout != Timeout.InfiniteTimeSpan)
        {
            yield return $"{name}.WaitTimeout is {WaitTimeout}; use TimeSpan.Zero to never wait, a positive value, or Timeout.InfiniteTimeSpan to wait until cancelled.";
        }
    }

    /// <summary>A period the backends can count: at least 1 ms, at most a year, whole microseconds.</summary>
    private protected static IEnumerable<string> PeriodProblems(string name, string property, TimeSpan period)
    {
        if (period < TimeSpan.FromMilliseconds(1) || period > TimeSpan.FromDays(366))
        {
            yield return $"{name}.{property} is {period}; it must be between 1 ms and a year, for example TimeSpan.FromMinutes(1).";
        }
    }
}
