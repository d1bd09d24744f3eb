using System.Threading.RateLimiting;

namespace Locksmith.RateLimiting;

/// <summary>
/// The outcome of one acquisition. Permits of a rate limit are spent, not held, so disposing gives nothing back; a
/// refusal carries <see cref="MetadataName.RetryAfter"/> when the backend said when the next permit comes.
/// </summary>
internal sealed class DistributedRateLimitLease : RateLimitLease
{
    public static readonly DistributedRateLimitLease Acquired = new(true, null);

    public static readonly DistributedRateLimitLease FailedWithoutRetryAfter = new(false, null);

    private static readonly string[] RetryAfterName = [MetadataName.RetryAfter.Name];

    private readonly TimeSpan? _retryAfter;

    private DistributedRateLimitLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : RetryAfterName;

    public static DistributedRateLimitLease Failed(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
