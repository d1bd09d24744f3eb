using Locksmith.Testing;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>One redis-server per test class, with an admin connection for inspecting and tampering with keys.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Admin { get; private set; } = null!;

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
