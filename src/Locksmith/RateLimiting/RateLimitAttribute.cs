using AspectInjector.Broker;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// Lets at most <see cref="Permits"/> calls <see cref="Per"/> period start the method, across every process sharing
/// the backend: <c>[RateLimit("geo-api:{tenantId}", Permits = 100, Per = "1m", WaitTimeout = "2s")]</c>. A call over
/// the budget waits for the retry-after the backend returns when the next permit comes within <see cref="WaitTimeout"/>,
/// and otherwise throws <see cref="RateLimitExceededException"/> with <see cref="RateLimitExceededException.RetryAfter"/>.
/// The method's <see cref="CancellationToken"/> parameter, if it has one, cancels the wait. Permits are spent when the
/// call starts, whatever the body then does.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(RateLimitAdvice))]
public sealed class RateLimitAttribute : Attribute
{
    /// <summary>Limits the method's calls under the key <paramref name="key"/>.</summary>
    /// <param name="key">
    /// The limit's key template, with the same placeholders as <see cref="DistributedLockAttribute.KeyTemplate"/>:
    /// <c>"geo-api:{tenantId}"</c> gives each tenant its own budget.
    /// </param>
    public RateLimitAttribute(string key)
    {
        Key = key;
    }

    /// <summary>The limit's key template.</summary>
    public string Key { get; }

    /// <summary>How many calls may start per <see cref="Per"/>; at least 1. Required.</summary>
    public int Permits { get; set; }

    /// <summary>The period the budget refers to (<c>"1s"</c>, <c>"1m"</c>, <c>"500ms"</c>, <c>"00:01:00"</c>); at least 1 ms. Required.</summary>
    public string? Per { get; set; }

    /// <summary>
    /// How long a call may wait for a permit (<c>"2s"</c>, <c>"0"</c>, <c>"infinite"</c>). Defaults to <c>"0"</c>: throw at
    /// once when no permit is free.
    /// </summary>
    public string? WaitTimeout { get; set; }

    /// <summary>
    /// How permits are counted. Defaults to <see cref="RateLimitAlgorithm.SlidingWindow"/> (at most <see cref="Permits"/>
    /// in any <see cref="Per"/>); <see cref="RateLimitAlgorithm.TokenBucket"/> allows bursts of <see cref="Permits"/> and
    /// refills at <see cref="Permits"/> per <see cref="Per"/>.
    /// </summary>
    public RateLimitAlgorithm Algorithm { get; set; }
}
