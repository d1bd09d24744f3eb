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

    [Theory]
    [InlineData(Primitive.Lock)]
    [InlineData(Primitive.FencedLock)]
    [InlineData(Primitive.Semaphore)]
    public async Task A_grant_whose_reply_arrives_after_the_ttl_is_not_handed_out_while_another_caller_holds_the_key(Primitive primitive)
    {
        var ttl = TimeSpan.FromMilliseconds(800);
        await using var slow = await SlowReplies.StartAsync(primitive, ttl);
        await using var healthy = new ServiceCollection().AddLocksmith(b => b.UseRedis(slow.Server.EndPoint)).BuildServiceProvider();
        var key = "late-grant:" + Guid.NewGuid().ToString("N");

        // The server grants at once, but the reply is held back past the TTL (a slow network, a stalled socket): by the
        // time it arrives the grant has expired and another caller holds the key.
        slow.Proxy.Delay(TimeSpan.FromMilliseconds(2000), ProxyDirection.ToClient);
        var attempt = TryAcquireAsync(slow.Services, primitive, key, ttl);
        await Task.Delay(ttl + TimeSpan.FromMilliseconds(300));
        await using var holder = await TryAcquireAsync(healthy, primitive, key, TimeSpan.FromSeconds(30));
        Assert.NotNull(holder);

        await using var stale = await attempt;
        Assert.True(stale is null, "A grant that came back after its TTL was handed out while another caller held the key.");
        Assert.False(holder.IsLost);
    }

    [Theory]
    [InlineData(Primitive.Lock)]
    [InlineData(Primitive.Semaphore)]
    public async Task A_grant_that_arrives_with_less_than_a_renewal_interval_left_is_reported_lost_at_its_deadline_not_when_a_renewal_returns(Primitive primitive)
    {
        var ttl = TimeSpan.FromMilliseconds(3000);
        await using var slow = await SlowReplies.StartAsync(primitive, ttl);
        var key = "late-grant:" + Guid.NewGuid().ToString("N");

        // Replies take 2.6 s: the grant is trusted until just under 3 s after it was requested, but the first renewal is due
        // a third of a TTL after the reply (3.6 s), past the moment the server lets the next holder in.
        slow.Proxy.Delay(TimeSpan.FromMilliseconds(2600), ProxyDirection.ToClient);
        var requested = Stopwatch.StartNew();
        await using var lease = await TryAcquireAsync(slow.Services, primitive, key, ttl);
        Assert.NotNull(lease);
        var lost = new TaskCompletionSource<TimeSpan>();
        lease.LostToken.Register(() => lost.TrySetResult(requested.Elapsed));
        var firedAfter = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(firedAfter < TimeSpan.FromMilliseconds(3300), $"The lost signal fired {firedAfter.TotalMilliseconds:F0} ms after the request, past the 3000 ms TTL: it waited for the first renewal instead of the local deadline.");
    }

    private static async Task<ILease?> TryAcquireAsync(ServiceProvider services, Primitive primitive, string key, TimeSpan ttl) =>
        primitive == Primitive.Semaphore
            ? await services.GetRequiredService<ISemaphoreProvider>().TryAcquireAsync(key, 1, new SemaphoreOptions { Ttl = ttl, WaitTimeout = TimeSpan.Zero })
            : await services.GetRequiredService<ILockProvider>().TryAcquireAsync(key, new LockOptions { Ttl = ttl, WaitTimeout = TimeSpan.Zero, Fencing = primitive == Primitive.FencedLock });

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

    /// <summary>
    /// A redis-server behind a fault proxy and a Locksmith client connected through it with a long client timeout (so a
    /// held-back reply arrives late rather than failing), warmed up so the scripts are known to the server.
    /// </summary>
    private sealed class SlowReplies : IAsyncDisposable
    {
        private ConnectionMultiplexer? _connection;

        private SlowReplies(RedisServer server, FaultProxy proxy)
        {
            Server = server;
            Proxy = proxy;
        }

        public RedisServer Server { get; }

        public FaultProxy Proxy { get; }

        public ServiceProvider Services { get; private set; } = null!;

        public static async Task<SlowReplies> StartAsync(Primitive primitive, TimeSpan ttl)
        {
            var server = await RedisServer.StartAsync();
            var slow = new SlowReplies(server, FaultProxy.Start(server.Port));
            slow._connection = await ConnectionMultiplexer.ConnectAsync($"{slow.Proxy.EndPoint},asyncTimeout=10000,syncTimeout=10000");
            slow.Services = new ServiceCollection().AddLocksmith(b => b.UseRedis(slow._connection)).BuildServiceProvider();
            await (await AcquireAsync(slow.Services, primitive, "warm-up:" + Guid.NewGuid().ToString("N"), ttl)).DisposeAsync();
            return slow;
        }

        public async ValueTask DisposeAsync()
        {
            Proxy.Heal();
            await Services.DisposeAsync();
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }

            await Proxy.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
