using System.Diagnostics;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>
/// An acquisition whose reply never reaches the client although the server ran it (a timeout, a reply lost with its
/// connection). The key is then held by nobody; the client gives it back at once rather than block the next waiter for
/// a whole TTL.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class AmbiguousAcquireTests
{
    public enum Primitive
    {
        Lock,
        FencedLock,
        Semaphore,
    }

    [Theory]
    [InlineData(Primitive.Lock)]
    [InlineData(Primitive.FencedLock)]
    [InlineData(Primitive.Semaphore)]
    public Task An_acquire_that_timed_out_after_the_server_ran_it_does_not_block_the_next_caller_for_a_ttl(Primitive primitive) =>
        AssertGivenBackAsync(primitive, proxy => proxy.Delay(TimeSpan.FromSeconds(3), ProxyDirection.ToClient));

    [Theory]
    [InlineData(Primitive.Lock)]
    [InlineData(Primitive.FencedLock)]
    [InlineData(Primitive.Semaphore)]
    public Task An_acquire_whose_reply_was_lost_with_its_connection_does_not_block_the_next_caller_for_a_ttl(Primitive primitive) =>
        AssertGivenBackAsync(primitive, proxy => proxy.DropNextReply());

    private static async Task AssertGivenBackAsync(Primitive primitive, Action<FaultProxy> fault)
    {
        await using var server = await RedisServer.StartAsync();
        await using var proxy = FaultProxy.Start(server.Port);
        await using var unlucky = await ConnectionMultiplexer.ConnectAsync($"{proxy.EndPoint},asyncTimeout=1000,syncTimeout=1000");
        await using var cutOff = new ServiceCollection().AddLocksmith(b => b.UseRedis(unlucky)).BuildServiceProvider();
        await using var healthy = new ServiceCollection().AddLocksmith(b => b.UseRedis(server.EndPoint)).BuildServiceProvider();
        var key = "ambiguous:" + Guid.NewGuid().ToString("N");
        var ttl = TimeSpan.FromSeconds(60);

        // Warm up on another key: the server then knows the script, so the acquisition under the fault really runs (a first
        // EVALSHA would only be answered NOSCRIPT).
        await (await AcquireAsync(cutOff, primitive, key + ":warm-up", ttl)).DisposeAsync();
        fault(proxy);
        await Assert.ThrowsAsync<LocksmithBackendException>(async () => await AcquireAsync(cutOff, primitive, key, ttl));

        // The server ran the acquisition (only its reply was held back or lost): the next caller must not wait for its TTL.
        var waited = Stopwatch.StartNew();
        await using var next = await AcquireAsync(healthy, primitive, key, ttl, wait: TimeSpan.FromSeconds(30));
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"The next caller waited {waited.Elapsed.TotalSeconds:F1} s for a key nobody held.");
        proxy.Heal();
    }

    private static async Task<ILease> AcquireAsync(ServiceProvider services, Primitive primitive, string key, TimeSpan ttl, TimeSpan wait = default) =>
        primitive == Primitive.Semaphore
            ? await services.GetRequiredService<ISemaphoreProvider>().AcquireAsync(key, 1, new SemaphoreOptions { Ttl = ttl, WaitTimeout = wait })
            : await services.GetRequiredService<ILockProvider>().AcquireAsync(key, new LockOptions { Ttl = ttl, WaitTimeout = wait, Fencing = primitive == Primitive.FencedLock });
}
