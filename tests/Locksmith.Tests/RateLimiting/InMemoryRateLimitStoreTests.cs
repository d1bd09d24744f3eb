using Locksmith.Backends;
using Locksmith.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Locksmith.Tests.RateLimiting;

/// <summary>The in-memory store's arithmetic on a fake clock: the same answers the Redis scripts give, to the microsecond.</summary>
public sealed class InMemoryRateLimitStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static RateLimitPolicy Window(int limit, TimeSpan window) => new(RateLimitAlgorithm.SlidingWindow, limit, window, limit);

    private static RateLimitPolicy Bucket(int limit, int perPeriod, TimeSpan period) => new(RateLimitAlgorithm.TokenBucket, limit, period, perPeriod);

    [Fact]
    public async Task A_window_frees_as_many_permits_as_asked_for_when_enough_old_grants_have_left()
    {
        var store = new InMemoryRateLimitStore(_time);
        var policy = Window(4, TimeSpan.FromSeconds(10));
        Assert.True((await store.AcquireAsync("k", policy, 1, default)).Granted);   // t = 0
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await store.AcquireAsync("k", policy, 2, default)).Granted);   // t = 2, twice
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await store.AcquireAsync("k", policy, 1, default)).Granted);   // t = 3

        // Three permits need the three oldest grants gone: the t = 2 ones leave at t = 12, 9 s from now.
        var refused = await store.AcquireAsync("k", policy, 3, default);
        Assert.Equal((false, 0L, TimeSpan.FromSeconds(9)), (refused.Granted, refused.Remaining, refused.RetryAfter));
        Assert.Equal(TimeSpan.FromSeconds(7), (await store.AcquireAsync("k", policy, 1, default)).RetryAfter);
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal((true, 0L), ((await store.AcquireAsync("k", policy, 1, default)) is var d ? (d.Granted, d.Remaining) : default));
    }

    [Fact]
    public async Task A_bucket_refills_continuously_at_fractional_rates()
    {
        var store = new InMemoryRateLimitStore(_time);
        var policy = Bucket(2, 3, TimeSpan.FromSeconds(1));   // a token every 333,333.3 µs
        Assert.Equal((true, 0L), (await store.AcquireAsync("k", policy, 2, default)) is var first ? (first.Granted, first.Remaining) : default);
        var refused = await store.AcquireAsync("k", policy, 1, default);
        Assert.Equal((false, TimeSpan.FromTicks(3_333_340)), (refused.Granted, refused.RetryAfter));
        _time.Advance(TimeSpan.FromTicks(3_333_340));
        var granted = await store.AcquireAsync("k", policy, 1, default);
        Assert.Equal((true, 0L), (granted.Granted, granted.Remaining));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, (await store.AcquireAsync("k", policy, 0, default)).Remaining);
    }

    [Fact]
    public async Task State_that_has_run_out_is_swept()
    {
        var store = new InMemoryRateLimitStore(_time);
        var policy = Window(1, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 1000; i++)
        {
            await store.AcquireAsync($"k{i}", policy, 1, default);
        }

        Assert.Equal(1000, store.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 24; i++)
        {
            await store.AcquireAsync("live", policy, 0, default);
        }

        Assert.Equal(0, store.Count);
    }
}
