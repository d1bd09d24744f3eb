using Locksmith.Testing;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>A 3-master Redis Cluster, with an admin connection that follows the cluster's slot map.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public RedisCluster Cluster { get; private set; } = null!;

    public ConnectionMultiplexer Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await RedisCluster.StartAsync(3);
        Admin = await ConnectionMultiplexer.ConnectAsync($"{Cluster.Configuration},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
