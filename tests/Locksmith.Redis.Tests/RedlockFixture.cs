using Locksmith.Testing;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>Five independent redis-server masters for Redlock, with an admin connection to each.</summary>
public sealed class RedlockFixture : IAsyncLifetime
{
    public IReadOnlyList<RedisServer> Masters { get; private set; } = [];

    public IReadOnlyList<ConnectionMultiplexer> Admins { get; private set; } = [];

    public string[] EndPoints => [.. Masters.Select(m => m.EndPoint)];

    public async Task InitializeAsync()
    {
        Masters = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RedisServer.StartAsync()));
        Admins = await Task.WhenAll(Masters.Select(m => ConnectionMultiplexer.ConnectAsync($"{m.EndPoint},allowAdmin=true")));
    }

    public async Task DisposeAsync()
    {
        foreach (var admin in Admins)
        {
            await admin.DisposeAsync();
        }

        foreach (var master in Masters)
        {
            await master.DisposeAsync();
        }
    }
}
