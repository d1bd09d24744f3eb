using StackExchange.Redis;

namespace Locksmith.Cli.Tests;

/// <summary>One redis-server per test class, with an independent StackExchange.Redis connection to check what was stored.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Admin { get; private set; } = null!;

    public IDatabase Db => Admin.GetDatabase();

    public RedisConnectionOptions Connection => RedisConnectionOptions.Parse(Server.EndPoint);

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Admin = await ConnectionMultiplexer.ConnectAsync($"{Server.EndPoint},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        await Server.DisposeAsync();
    }
}
