namespace Locksmith;

/// <summary>How a distributed rate limit counts permits.</summary>
public enum RateLimitAlgorithm
{
    /// <summary>
    /// At most the limit in any window of the given length, whenever it starts: every granted permit is remembered for
    /// one window. Exact, with no burst at window edges; memory grows with the limit (one entry per permit in the window).
    /// </summary>
    SlidingWindow,

    /// <summary>
    /// A bucket of up to the limit tokens, refilled continuously at the given rate (limit per period): bursts up to the
    /// limit, then the steady rate. Constant memory per key.
    /// </summary>
    TokenBucket,
}
