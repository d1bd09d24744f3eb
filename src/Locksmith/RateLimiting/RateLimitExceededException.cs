namespace Locksmith;

/// <summary>
/// A method marked <see cref="RateLimitAttribute"/> was called when its limit had no permit left, and the next permit
/// would not come within its wait timeout.
/// </summary>
public sealed class RateLimitExceededException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    /// <param name="key">The limit's key.</param>
    /// <param name="retryAfter">How long until a permit is expected to be free.</param>
    public RateLimitExceededException(string key, TimeSpan retryAfter)
        : base($"The rate limit '{key}' has no permit left; the next one is expected in {Format(retryAfter)}. " +
               "Retry after that, raise WaitTimeout to wait for it, or raise the limit if the budget is too small.")
    {
        Key = key;
        RetryAfter = retryAfter;
    }

    /// <summary>The limit's key.</summary>
    public string Key { get; }

    /// <summary>How long until a permit is expected to be free (if nobody else takes it first).</summary>
    public TimeSpan RetryAfter { get; }

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0.###} ms";
}
