using Locksmith.Testing;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>A Redis Cluster of 3 primaries with one replica each, and an admin connection that follows its slot map.</summary>
public sealed class ReplicatedClusterFixture : IAsyncLifetime
{
    public RedisCluster Cluster { get; private set; } = null!;

    public ConnectionMultiplexer Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await RedisCluster.StartAsync(masters: 3, replicasPerMaster: 1);
        Admin = await ConnectionMultiplexer.ConnectAsync($"{Cluster.Configuration},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
