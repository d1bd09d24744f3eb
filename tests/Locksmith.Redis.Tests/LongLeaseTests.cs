using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>Leases and waits longer than a .NET timer accepts (about 49.7 days) work, and never stop the renewal loop.</summary>
public sealed class LongLeaseTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sixty_day_lease_does_not_stop_the_loop_renewing_the_next_lease(bool renew)
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var key = "long:" + Guid.NewGuid().ToString("N");
        await (await locks.AcquireAsync(key + ":60d", new LockOptions { Ttl = TimeSpan.FromDays(60), Renew = renew })).DisposeAsync();
        await Task.Delay(100);

        await using var lease = await locks.AcquireAsync(key, new LockOptions { Ttl = TimeSpan.FromSeconds(2) });
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.True(await fixture.Admin.GetDatabase().KeyExistsAsync(new RedisKey($"ls:lock:{{{key}}}")), "The 2 s lease was not renewed.");
        Assert.False(lease.IsLost);
    }

    [Fact]
    public async Task A_sixty_day_wait_is_served_when_the_holder_releases()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var key = "long-wait:" + Guid.NewGuid().ToString("N");
        var held = await locks.AcquireAsync(key, new LockOptions { Ttl = TimeSpan.FromDays(60) });
        var waiting = locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.FromDays(60) }).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted, waiting.Exception?.ToString());

        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    [Fact]
    public async Task A_recheck_interval_longer_than_an_hour_is_refused_naming_the_setting()
    {
        await using var services = new ServiceCollection()
            .AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint).ConfigureRedis(o => o.RecheckInterval = TimeSpan.FromDays(60)))
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RedisBackendOptions>>().Value);
        Assert.Contains("RedisBackendOptions.RecheckInterval", ex.Message, StringComparison.Ordinal);
    }
}
