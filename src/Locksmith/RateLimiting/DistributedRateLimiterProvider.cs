using System.Threading.RateLimiting;
using Locksmith.Backends;

namespace Locksmith.RateLimiting;

/// <summary>
/// <see cref="IRateLimiterProvider"/> over whichever <see cref="IRateLimitStore"/> the backend registered; also what
/// <see cref="RateLimitAttribute"/> acquires through.
/// </summary>
internal sealed class DistributedRateLimiterProvider(RateLimitGate gate) : IRateLimiterProvider
{
    public RateLimitGate Gate => gate;

    public RateLimiter CreateTokenBucket(string key, DistributedTokenBucketOptions options) => Create(key, options);

    public RateLimiter CreateSlidingWindow(string key, DistributedSlidingWindowOptions options) => Create(key, options);

    public PartitionedRateLimiter<TResource> CreatePartitioned<TResource>(Func<TResource, string> keySelector, DistributedRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        Validate(options);

        // .NET's partition manager caches one limiter per key and drops those idle for a while (IdleDuration).
        return PartitionedRateLimiter.Create<TResource, string>(resource =>
        {
            var key = keySelector(resource) ?? throw new InvalidOperationException(
                "The key selector of a partitioned Locksmith rate limiter returned null; return a key for every resource (for example \"anonymous\").");
            return RateLimitPartition.Get(key, k => new DistributedRateLimiter(gate, k, options));
        }, StringComparer.Ordinal);
    }

    private DistributedRateLimiter Create(string key, DistributedRateLimiterOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Validate(options);
        return new DistributedRateLimiter(gate, key, options);
    }

    private static void Validate(DistributedRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(options.GetType().Name);
    }
}
