using System.Threading.RateLimiting;

namespace Locksmith;

/// <summary>
/// Makes .NET <see cref="RateLimiter"/>s whose budget is shared by every process using the backend: a limit of 100 a
/// minute stays 100 a minute on any number of nodes. The limiters plug in wherever .NET takes one (the ASP.NET Core
/// rate-limiting middleware, Polly's rate limiter strategy, an <c>HttpClient</c> handler).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="RateLimiter.AcquireAsync"/> asks the backend, which decides atomically on its own clock; when no permit
/// is free it waits for the retry-after the backend returns, within <see cref="DistributedRateLimiterOptions.WaitTimeout"/>.
/// </para>
/// <para>
/// <see cref="RateLimiter.AttemptAcquire"/> must answer without waiting, which a shared budget cannot do without a
/// round trip: it never takes a permit, and returns a failed lease (with the last known retry-after as metadata), so
/// callers that can wait (the ASP.NET Core middleware does) go on to <see cref="RateLimiter.AcquireAsync"/>. With 0
/// permits it reports whether the last decision seen left a permit free.
/// </para>
/// <para>Limiters hold no connection of their own; make as many as needed and dispose them when done.</para>
/// </remarks>
public interface IRateLimiterProvider
{
    /// <summary>A token-bucket limiter on <paramref name="key"/>.</summary>
    /// <param name="key">The limit's key; every process using the same key (and options) shares one bucket.</param>
    /// <param name="options">The bucket's capacity, refill and wait.</param>
    /// <returns>The limiter.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    RateLimiter CreateTokenBucket(string key, DistributedTokenBucketOptions options);

    /// <summary>A sliding-window limiter on <paramref name="key"/>.</summary>
    /// <param name="key">The limit's key; every process using the same key (and options) shares one window.</param>
    /// <param name="options">The window's budget, length and wait.</param>
    /// <returns>The limiter.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    RateLimiter CreateSlidingWindow(string key, DistributedSlidingWindowOptions options);

    /// <summary>
    /// A limiter per resource key, such as one per tenant or client IP for the ASP.NET Core middleware
    /// (<c>PartitionedRateLimiter&lt;HttpContext&gt;</c>). The algorithm follows the options' type.
    /// </summary>
    /// <typeparam name="TResource">What is limited, for example <c>HttpContext</c>.</typeparam>
    /// <param name="keySelector">The limit's key for a resource; resources with equal keys share a budget.</param>
    /// <param name="options">
    /// <see cref="DistributedTokenBucketOptions"/> or <see cref="DistributedSlidingWindowOptions"/>, applied to every key.
    /// </param>
    /// <returns>The partitioned limiter; its per-key limiters are dropped when idle.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    PartitionedRateLimiter<TResource> CreatePartitioned<TResource>(Func<TResource, string> keySelector, DistributedRateLimiterOptions options);
}
