using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests;

/// <summary>
/// <c>using var sp = services.BuildServiceProvider();</c> is what every console app and test writes: the container must
/// dispose synchronously as well as asynchronously, with a lease still held, on every Redis topology.
/// </summary>
public sealed class DisposalTests(RedisServerFixture server, RedlockFixture redlock, RedisClusterFixture cluster)
    : IClassFixture<RedisServerFixture>, IClassFixture<RedlockFixture>, IClassFixture<RedisClusterFixture>
{
    [Fact]
    public Task One_server_disposes_both_ways() => AssertBothWaysAsync(b => b.UseRedis(server.Server.EndPoint));

    [Fact]
    public Task Redlock_disposes_both_ways() => AssertBothWaysAsync(b => b.UseRedlock(redlock.EndPoints));

    [Fact]
    public Task Cluster_disposes_both_ways() => AssertBothWaysAsync(b => b.UseRedis(cluster.Cluster.Configuration));

    private static Task AssertBothWaysAsync(Action<LocksmithBuilder> backend) =>
        ContainerDisposal.AssertBothWaysAsync(
            services => services.AddLocksmith(b => backend(b.AddQueueConsumers())),
            async provider =>
            {
                var key = "dispose:" + Guid.NewGuid().ToString("N");
                await (await provider.GetRequiredService<ISemaphoreProvider>().AcquireAsync(key, 2)).DisposeAsync();

                // Left held on purpose: disposing the container stops its renewal and lets it expire.
                _ = await provider.GetRequiredService<ILockProvider>().AcquireAsync(key);
            });
}
