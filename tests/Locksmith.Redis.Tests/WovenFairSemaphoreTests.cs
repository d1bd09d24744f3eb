using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests;

/// <summary>[Semaphore(..., Fair = true)] woven into a method reaches the Redis backend's fair queue.</summary>
public sealed class WovenFairSemaphoreTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_fair_attribute_waits_in_the_servers_queue()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        using var flow = services.GetRequiredService<LocksmithRuntime>().ActivateForCurrentFlow();
        var tenant = Guid.NewGuid().ToString("N");
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var first = FairService.RunAsync(tenant, entered, release.Task);
        await entered.Task;

        var second = FairService.RunAsync(tenant, new TaskCompletionSource(), Task.CompletedTask);
        var queue = $"ls:semq:{{fair:{tenant}}}";
        await Eventually.UntilAsync(() => fixture.Admin.GetDatabase().KeyExistsAsync(queue), TimeSpan.FromSeconds(10), "the waiting call to join the fair queue");

        release.SetResult();
        await first;
        await second;
    }

    private static class FairService
    {
        [Semaphore(1, Key = "fair:{tenant}", Fair = true, WaitTimeout = "20s")]
        public static async Task RunAsync(string tenant, TaskCompletionSource entered, Task release)
        {
            entered.TrySetResult();
            await release;
        }
    }
}
