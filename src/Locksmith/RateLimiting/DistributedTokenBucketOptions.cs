namespace Locksmith;

/// <summary>
/// A token-bucket rate limit shared by every process: a bucket of up to <see cref="TokenLimit"/> tokens, refilled
/// continuously with <see cref="TokensPerPeriod"/> tokens every <see cref="ReplenishmentPeriod"/>
/// (<see cref="RateLimitAlgorithm.TokenBucket"/>). A new key starts full.
/// </summary>
public sealed record DistributedTokenBucketOptions : DistributedRateLimiterOptions
{
    /// <summary>The bucket's capacity: the largest burst; at least 1. Required.</summary>
    public required int TokenLimit { get; init; }

    /// <summary>How many tokens come back every <see cref="ReplenishmentPeriod"/>; at least 1. Required.</summary>
    public required int TokensPerPeriod { get; init; }

    /// <summary>
    /// The period <see cref="TokensPerPeriod"/> refers to, between 1 ms and a year. Tokens come back continuously (one
    /// every period / tokens-per-period), not in steps at the end of each period. Required.
    /// </summary>
    public required TimeSpan ReplenishmentPeriod { get; init; }

    internal override Backends.RateLimitPolicy Policy => new(RateLimitAlgorithm.TokenBucket, TokenLimit, ReplenishmentPeriod, TokensPerPeriod);

    internal override IEnumerable<string> GetProblems(string name)
    {
        foreach (var problem in base.GetProblems(name))
        {
            yield return problem;
        }

        if (TokenLimit < 1)
        {
            yield return $"{name}.TokenLimit is {TokenLimit}; it must be at least 1.";
        }

        if (TokensPerPeriod < 1)
        {
            yield return $"{name}.TokensPerPeriod is {TokensPerPeriod}; it must be at least 1.";
        }

        foreach (var problem in PeriodProblems(name, nameof(ReplenishmentPeriod), ReplenishmentPeriod))
        {
            yield return problem;
        }
    }
}
