using Locksmith.Redis.Inspection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.RateLimiting;

/// <summary>What rate limits leave in Redis: one key per limit, under the layout's names, expiring at its own horizon.</summary>
public sealed class RateLimitKeyTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private ServiceProvider _services = null!;

    private IRateLimiterProvider Limiters => _services.GetRequiredService<IRateLimiterProvider>();

    private IDatabase Admin => fixture.Admin.GetDatabase();

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_sliding_window_key_expires_one_window_after_its_newest_grant()
    {
        using var limiter = Limiters.CreateSlidingWindow($"w:{_run}", new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) });
        Assert.True((await limiter.AcquireAsync(2)).IsAcquired);

        var key = $"ls:rlw:{{w:{_run}}}";
        Assert.Equal(2, await Admin.SortedSetLengthAsync(key));
        Assert.InRange((await Admin.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_token_bucket_key_expires_when_the_bucket_would_be_full_again_and_a_query_writes_nothing()
    {
        using var limiter = Limiters.CreateTokenBucket($"b:{_run}", new() { TokenLimit = 10, TokensPerPeriod = 10, ReplenishmentPeriod = TimeSpan.FromSeconds(10) });
        Assert.True((await limiter.AcquireAsync(0)).IsAcquired);
        var key = $"ls:rlb:{{b:{_run}}}";
        Assert.False(await Admin.KeyExistsAsync(key));

        Assert.True((await limiter.AcquireAsync(4)).IsAcquired);
        Assert.InRange((await Admin.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        Assert.Equal(6, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task The_inspector_shows_each_limit_and_reads_past_them_for_leases()
    {
        using var window = Limiters.CreateSlidingWindow($"i:{_run}", new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) });
        using var bucket = Limiters.CreateTokenBucket($"i:{_run}", new() { TokenLimit = 3, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) });
        Assert.True((await window.AcquireAsync(1)).IsAcquired);
        Assert.True((await bucket.AcquireAsync(1)).IsAcquired);

        var report = await LocksmithInspector.InspectAsync(Admin, "ls:");
        Assert.DoesNotContain(report.Locks, l => l.Key.Contains(_run, StringComparison.Ordinal));
        Assert.DoesNotContain(report.Semaphores, s => s.Key.Contains(_run, StringComparison.Ordinal));
        var limits = report.RateLimits.Where(r => r.Key == $"i:{_run}").OrderBy(r => r.Algorithm).ToList();
        Assert.Equal(2, limits.Count);
        Assert.Equal((RateLimitAlgorithm.SlidingWindow, 1L, $"ls:rlw:{{i:{_run}}}"), (limits[0].Algorithm, limits[0].Grants!.Value, limits[0].RedisKey));
        Assert.InRange(limits[0].TtlMilliseconds, 55_000, 60_000);
        Assert.Equal((RateLimitAlgorithm.TokenBucket, (long?)null), (limits[1].Algorithm, limits[1].Grants));
        Assert.InRange(limits[1].TtlMilliseconds, 55_000, 60_000);
    }
}
