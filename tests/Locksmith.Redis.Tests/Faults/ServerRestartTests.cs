using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests.Faults;

public sealed class ServerRestartTests
{
    [Fact]
    public async Task A_restart_without_persistence_reports_held_leases_lost()
    {
        var server = await RedisServer.StartAsync();
        var port = server.Port;
        await using var services = new ServiceCollection()
            .AddLocksmith(b => b.UseRedis($"{server.EndPoint},connectTimeout=1000,asyncTimeout=2000"))
            .BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var options = new LockOptions { Ttl = TimeSpan.FromSeconds(3) };
        await using var lease = await locks.AcquireAsync("restart", options);
        await using var permit = await services.GetRequiredService<ISemaphoreProvider>().AcquireAsync("restart", 3, new SemaphoreOptions { Ttl = TimeSpan.FromSeconds(3) });

        await server.DisposeAsync();
        await using var restarted = await RedisServer.StartOnPortAsync(port);

        var lost = Task.WhenAll(WhenCancelled(lease.LostToken), WhenCancelled(permit.LostToken));
        Assert.Same(lost, await Task.WhenAny(lost, Task.Delay(TimeSpan.FromSeconds(15))));
    }

    private static Task WhenCancelled(CancellationToken token)
    {
        var fired = new TaskCompletionSource();
        token.Register(fired.SetResult);
        return fired.Task;
    }
}
