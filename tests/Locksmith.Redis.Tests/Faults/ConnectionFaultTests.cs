using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>What users see when Redis is down, refuses their credentials, or limits their user: clear errors, no hangs.</summary>
public sealed class ConnectionFaultTests
{
    [Fact]
    public async Task Redis_down_at_acquire_fails_fast_with_a_backend_exception_naming_the_endpoint()
    {
        var port = ClosedPort();
        await using var services = Build($"127.0.0.1:{port},connectTimeout=500,asyncTimeout=1000,syncTimeout=1000");
        var locks = services.GetRequiredService<ILockProvider>();
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<LocksmithBackendException>(() => locks.AcquireAsync("down").AsTask());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Took {watch.Elapsed} to fail.");
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_fails_with_an_exception_about_credentials()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "right-password");
        await using var services = Build($"{server.EndPoint},password=wrong-password,connectTimeout=5000,asyncTimeout=2000");
        var locks = services.GetRequiredService<ILockProvider>();

        var ex = await Assert.ThrowsAsync<LocksmithBackendException>(() => locks.AcquireAsync("auth").AsTask());

        Assert.True(
            System.Text.RegularExpressions.Regex.IsMatch(ex.Message, "credentials|authentication|password"),
            $"The exception does not name the credentials: {ex}");
    }

    [Fact]
    public async Task A_password_refused_at_start_is_still_named_when_later_reconnects_fail_for_another_reason()
    {
        // The refusal happens inside the first connect, before anything could watch the connection's events; the
        // reconnect attempts that follow then fail for other reasons (here the server is gone, under load a connect
        // timeout), so neither the last connection exception nor a later event still says "credentials".
        var server = await RedisServer.StartAsync("--requirepass", "right-password");
        await using var services = Build($"{server.EndPoint},password=wrong-password,connectTimeout=5000,asyncTimeout=2000");
        var locks = services.GetRequiredService<ILockProvider>();
        await server.KillAsync();

        var ex = await Assert.ThrowsAsync<LocksmithBackendException>(() => locks.AcquireAsync("auth-then-down").AsTask());

        Assert.True(ex.Message.Contains("credentials", StringComparison.Ordinal), $"The exception does not name the credentials: {ex}");
    }

    [Fact]
    public async Task The_right_password_works()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "right-password");
        await using var services = Build($"{server.EndPoint},password=right-password");
        var locks = services.GetRequiredService<ILockProvider>();

        await using var lease = await locks.AcquireAsync("auth-ok", new LockOptions { Fencing = true });
        Assert.True(lease.FencingToken > 0);
    }

    [Fact]
    public async Task An_ACL_user_limited_to_the_prefix_can_do_everything_Locksmith_needs()
    {
        await using var server = await RedisServer.StartAsync();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint))
        {
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "locksmith", "on", ">pw", "~ls:*", "&ls:*", "+@all", "-@dangerous");
        }

        await using var services = Build($"{server.EndPoint},user=locksmith,password=pw");
        var locks = services.GetRequiredService<ILockProvider>();
        var semaphores = services.GetRequiredService<ISemaphoreProvider>();

        var first = await locks.AcquireAsync("acl", new LockOptions { Fencing = true });
        var waiter = locks.AcquireAsync("acl", new LockOptions { WaitTimeout = TimeSpan.FromSeconds(10) }).AsTask();
        Assert.True(await first.ExtendAsync());
        await first.DisposeAsync();
        await using var second = await waiter;
        await using var permit = await semaphores.AcquireAsync("acl", 2);
    }

    [Fact]
    public async Task An_ACL_user_without_access_to_the_prefix_gets_a_message_saying_what_to_grant()
    {
        await using var server = await RedisServer.StartAsync();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint))
        {
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "narrow", "on", ">pw", "~app:*", "&*", "+@all");
        }

        await using var services = Build($"{server.EndPoint},user=narrow,password=pw");
        var locks = services.GetRequiredService<ILockProvider>();

        var ex = await Assert.ThrowsAsync<LocksmithBackendException>(() => locks.AcquireAsync("forbidden").AsTask());

        Assert.Contains("permission", ex.Message, StringComparison.Ordinal);
        Assert.Contains("~ls:*", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string configuration) =>
        new ServiceCollection().AddLocksmith(b => b.UseRedis(configuration)).BuildServiceProvider();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
