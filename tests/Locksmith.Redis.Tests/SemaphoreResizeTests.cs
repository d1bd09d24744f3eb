using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests;

/// <summary>The permit count is the caller's, per acquisition: it can change at run time without touching holders.</summary>
public sealed class SemaphoreResizeTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Shrinking_the_permit_count_takes_effect_as_holders_leave()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        var semaphores = services.GetRequiredService<ISemaphoreProvider>();
        var key = "shrink:" + Guid.NewGuid().ToString("N");
        var holders = new List<ISemaphorePermit>();
        for (var i = 0; i < 3; i++)
        {
            holders.Add(await semaphores.AcquireAsync(key, 3));
        }

        // Growing admits at once; shrinking to 1 admits nobody until the holders are down to none.
        await using (var fourth = await semaphores.TryAcquireAsync(key, 4))
        {
            Assert.NotNull(fourth);
        }

        Assert.Null(await semaphores.TryAcquireAsync(key, 1));
        await holders[0].DisposeAsync();
        await holders[1].DisposeAsync();
        Assert.Null(await semaphores.TryAcquireAsync(key, 1));
        Assert.All(holders.Skip(2), h => Assert.False(h.IsLost));
        await holders[2].DisposeAsync();
        await using var alone = await semaphores.TryAcquireAsync(key, 1);
        Assert.NotNull(alone);
    }
}
