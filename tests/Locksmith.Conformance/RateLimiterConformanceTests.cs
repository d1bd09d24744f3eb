using System.Diagnostics;
using System.Threading.RateLimiting;
using Xunit;

namespace Locksmith.Conformance;

/// <summary>
/// The rate-limit behaviour every backend must have, through .NET's <see cref="RateLimiter"/> contract. Subclass once per
/// backend; a backend without rate limits (<see cref="ConformanceBackend.SupportsRateLimiting"/>) must refuse them at
/// the first acquisition with an exception that names the cause and the fix.
/// </summary>
public abstract class RateLimiterConformanceTests : ConformanceTestBase
{
    [Fact]
    public async Task A_sliding_window_grants_exactly_its_limit_across_clients()
    {
        if (await RateLimitersAsync() is not { } first)
        {
            return;
        }

        var second = (await ConnectAsync()).RateLimiters;
        var options = new DistributedSlidingWindowOptions { PermitLimit = 5, Window = TimeSpan.FromSeconds(30) };
        using var a = first.CreateSlidingWindow(Key(), options);
        using var b = second.CreateSlidingWindow(Key(), options);
        var leases = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? a : b).AcquireAsync(1).AsTask()));

        Assert.Equal(5, leases.Count(l => l.IsAcquired));
        foreach (var refused in leases.Where(l => !l.IsAcquired))
        {
            Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter), "A refusal must say when to retry.");
            Assert.InRange(retryAfter, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_sliding_window_admits_again_once_its_oldest_grant_leaves_the_window()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        var window = TimeSpan.FromMilliseconds(600);
        using var limiter = provider.CreateSlidingWindow(Key(), new() { PermitLimit = 2, Window = window });
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        await Task.Delay(300);
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        using var refused = await limiter.AcquireAsync(1);
        Assert.False(refused.IsAcquired);

        // The first grant leaves after its window, not at a fixed window's edge: then exactly one permit is free again.
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(1), window - TimeSpan.FromMilliseconds(250));
        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(30));
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        Assert.False((await limiter.AcquireAsync(1)).IsAcquired);
    }

    [Fact]
    public async Task An_acquisition_waits_for_the_retry_after_within_its_wait_timeout()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        var window = TimeSpan.FromMilliseconds(500);
        using var limiter = provider.CreateSlidingWindow(Key(), new() { PermitLimit = 2, Window = window, WaitTimeout = Patience });
        Assert.True((await limiter.AcquireAsync(2)).IsAcquired);
        var waited = Stopwatch.StartNew();
        using var lease = await limiter.AcquireAsync(1);

        Assert.True(lease.IsAcquired);
        Assert.InRange(waited.Elapsed, window - TimeSpan.FromMilliseconds(100), Patience);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_wait_timeout_fails_at_once()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        using var limiter = provider.CreateSlidingWindow(Key(), new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(20), WaitTimeout = TimeSpan.FromSeconds(2) });
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        var waited = Stopwatch.StartNew();
        using var lease = await limiter.AcquireAsync(1);

        Assert.False(lease.IsAcquired);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(1.5), $"Refusing took {waited.Elapsed}; a wait that cannot succeed must not be waited out.");
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
        var statistics = limiter.GetStatistics()!;
        Assert.Equal((1, 1, 0), (statistics.TotalSuccessfulLeases, statistics.TotalFailedLeases, statistics.CurrentAvailablePermits));
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_it()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        using var limiter = provider.CreateTokenBucket(Key(), new()
        {
            TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1), WaitTimeout = Timeout.InfiniteTimeSpan,
        });
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var waited = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(1, cancel.Token).AsTask());
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"The cancelled wait took {waited.Elapsed}.");
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task A_token_bucket_bursts_to_its_capacity_then_refills_at_its_rate_across_clients()
    {
        if (await RateLimitersAsync() is not { } first)
        {
            return;
        }

        var second = (await ConnectAsync()).RateLimiters;
        var options = new DistributedTokenBucketOptions { TokenLimit = 3, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMilliseconds(400) };
        using var a = first.CreateTokenBucket(Key(), options);
        using var b = second.CreateTokenBucket(Key(), options);
        Assert.True((await a.AcquireAsync(2)).IsAcquired);
        Assert.True((await b.AcquireAsync(1)).IsAcquired);
        using var refused = await a.AcquireAsync(1);

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(400));
        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(20));
        Assert.True((await b.AcquireAsync(1)).IsAcquired);
        Assert.False((await a.AcquireAsync(1)).IsAcquired);
    }

    [Fact]
    public async Task A_token_bucket_with_a_fractional_refill_grants_its_whole_capacity_and_no_more()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        // A token every 333,333.3 µs: the arithmetic must not lose the last token of the capacity to rounding.
        using var limiter = provider.CreateTokenBucket(Key(), new() { TokenLimit = 2, TokensPerPeriod = 3, ReplenishmentPeriod = TimeSpan.FromSeconds(1) });
        Assert.True((await limiter.AcquireAsync(2)).IsAcquired);
        using var refused = await limiter.AcquireAsync(1);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(200), TimeSpan.FromTicks(3_333_340));
    }

    [Fact]
    public async Task Zero_permits_report_without_spending_and_too_many_are_refused_as_an_argument()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        using var limiter = provider.CreateSlidingWindow(Key(), new() { PermitLimit = 2, Window = TimeSpan.FromSeconds(30) });
        Assert.True((await limiter.AcquireAsync(0)).IsAcquired);
        Assert.True((await limiter.AcquireAsync(0)).IsAcquired);
        Assert.True((await limiter.AcquireAsync(2)).IsAcquired);
        Assert.False((await limiter.AcquireAsync(0)).IsAcquired);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => limiter.AcquireAsync(3).AsTask());
    }

    [Fact]
    public async Task AttemptAcquire_answers_from_the_last_decision_and_never_spends_a_permit()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        using var limiter = provider.CreateSlidingWindow(Key(), new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(30) });
        Assert.False(limiter.AttemptAcquire(1).IsAcquired);
        Assert.True(limiter.AttemptAcquire(0).IsAcquired);
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        Assert.False((await limiter.AcquireAsync(1)).IsAcquired);

        using var attempt = limiter.AttemptAcquire(1);
        Assert.False(attempt.IsAcquired);
        Assert.True(attempt.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        Assert.False(limiter.AttemptAcquire(0).IsAcquired);
    }

    [Fact]
    public async Task A_partitioned_limiter_keeps_one_budget_per_key_shared_by_every_client()
    {
        if (await RateLimitersAsync() is not { } first)
        {
            return;
        }

        var second = (await ConnectAsync()).RateLimiters;
        var options = new DistributedSlidingWindowOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(30) };
        var prefix = Key();
        using var a = first.CreatePartitioned<string>(tenant => $"{prefix}:{tenant}", options);
        using var b = second.CreatePartitioned<string>(tenant => $"{prefix}:{tenant}", options);

        Assert.True((await a.AcquireAsync("red")).IsAcquired);
        Assert.True((await a.AcquireAsync("blue")).IsAcquired);
        Assert.False((await b.AcquireAsync("red")).IsAcquired);
        Assert.False((await b.AcquireAsync("blue")).IsAcquired);
        Assert.True((await b.AcquireAsync("green")).IsAcquired);
    }

    [Fact]
    public async Task Invalid_options_are_refused_naming_each_problem()
    {
        if (await RateLimitersAsync() is not { } provider)
        {
            return;
        }

        var ex = Assert.Throws<ArgumentException>(() => provider.CreateTokenBucket(Key(), new()
        {
            TokenLimit = 0, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.Zero, WaitTimeout = TimeSpan.FromSeconds(-2),
        }));
        Assert.Contains("TokenLimit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ReplenishmentPeriod", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WaitTimeout", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A connected client's rate limiters; for a backend without rate limits, asserts that the first acquisition is refused
    /// with the cause and the fix, and returns null.
    /// </summary>
    private async Task<IRateLimiterProvider?> RateLimitersAsync()
    {
        var client = await ConnectAsync();
        if (Backend.SupportsRateLimiting)
        {
            return client.RateLimiters;
        }

        using var limiter = client.RateLimiters.CreateSlidingWindow(Key(), new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(1) });
        var refusal = await Assert.ThrowsAsync<NotSupportedException>(() => limiter.AcquireAsync(1).AsTask());
        Assert.Contains("quorum", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Redis Cluster", refusal.Message, StringComparison.Ordinal);
        return null;
    }
}
