using System.Diagnostics;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>
/// A holder cut off by the network while its socket stays open (no RST, no FIN): its renewal hangs rather than fails.
/// Its body must be cancelled by its own deadline timer before another client can take the key, on every topology.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class NetworkPartitionTests(RedlockFixture redlock, RedisClusterFixture cluster)
    : IClassFixture<RedlockFixture>, IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task A_blackholed_holder_is_cancelled_before_another_client_gets_the_lock_on_one_server()
    {
        await using var server = await RedisServer.StartAsync();
        await using var proxy = FaultProxy.Start(server.Port);
        await using var cutOff = Build(b => b.UseRedis(proxy.EndPoint));
        await using var healthy = Build(b => b.UseRedis(server.EndPoint));

        await AssertCancelledBeforeTheNextHolderAsync(cutOff, healthy, "one:" + Guid.NewGuid().ToString("N"), () => proxy.Blackhole(), proxy.Heal);
    }

    [Fact]
    public async Task A_holder_cut_off_from_a_majority_of_Redlock_masters_is_cancelled_before_another_client_gets_the_lock()
    {
        var proxies = redlock.Masters.Select(m => FaultProxy.Start(m.Port)).ToList();
        try
        {
            await using var cutOff = Build(b => b.UseRedlock([.. proxies.Select(p => p.EndPoint)]));
            await using var healthy = Build(b => b.UseRedlock(redlock.EndPoints));

            await AssertCancelledBeforeTheNextHolderAsync(
                cutOff, healthy, "redlock:" + Guid.NewGuid().ToString("N"),
                () => proxies.Take(3).ToList().ForEach(p => p.Blackhole()),
                () => proxies.ForEach(p => p.Heal()));
        }
        finally
        {
            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_holder_cut_off_from_its_keys_cluster_node_is_cancelled_before_another_client_gets_the_lock()
    {
        var proxies = cluster.Cluster.Nodes.ToDictionary(n => n.Port, n => FaultProxy.Start(n.Port));
        try
        {
            var key = "cluster:" + Guid.NewGuid().ToString("N");
            var owner = cluster.Admin.GetServer(new RedisKey($"ls:lock:{{{key}}}"));
            var ownerPort = ((System.Net.IPEndPoint)owner.EndPoint).Port;
            var throughProxies = ConfigurationOptions.Parse(cluster.Cluster.Configuration);
            throughProxies.Tunnel = new ProxyTunnel(proxies);
            await using var cutOff = Build(b => b.UseRedis(throughProxies));
            await using var healthy = Build(b => b.UseRedis(cluster.Cluster.Configuration));

            await AssertCancelledBeforeTheNextHolderAsync(cutOff, healthy, key, () => proxies[ownerPort].Blackhole(), () => proxies[ownerPort].Heal());
        }
        finally
        {
            foreach (var proxy in proxies.Values)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The scenario of the issue: the holder takes a 3 s lease, is cut off 500 ms later, and another client waits for the
    /// key. The holder's woven body must see its token cancelled before the other client is granted the key, and not much
    /// before its deadline either (a lease lost on a timer that fires too early would be just as wrong a clock).
    /// </summary>
    private static async Task AssertCancelledBeforeTheNextHolderAsync(ServiceProvider cutOff, ServiceProvider healthy, string key, Action partition, Action heal)
    {
        var clock = Stopwatch.StartNew();
        var entered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding;
        using (cutOff.GetRequiredService<LocksmithRuntime>().ActivateForCurrentFlow())
        {
            holding = PartitionedHolder.HoldAsync(key, clock, entered, cancelled, CancellationToken.None);
        }

        // If the holder's acquisition fails instead of entering, its exception is the failure, not a bare timeout.
        await Task.WhenAny(entered.Task, holding).WaitAsync(TimeSpan.FromSeconds(20));
        if (holding.IsFaulted)
        {
            await holding;
        }

        var acquiredAt = await entered.Task.WaitAsync(TimeSpan.FromSeconds(1));
        await Task.Delay(500);
        partition();

        var locks = healthy.GetRequiredService<ILockProvider>();
        await using (await locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.FromSeconds(30) }))
        {
            var secondAt = clock.Elapsed;
            var cancelledAt = await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(
                cancelledAt < secondAt,
                $"The cut-off holder's body was cancelled at {cancelledAt.TotalMilliseconds:F0} ms, after the other client got the lock at " +
                $"{secondAt.TotalMilliseconds:F0} ms: two holders for {(cancelledAt - secondAt).TotalMilliseconds:F0} ms.");
            Assert.True(
                cancelledAt - acquiredAt > TimeSpan.FromSeconds(2.5),
                $"The body was cancelled {(cancelledAt - acquiredAt).TotalMilliseconds:F0} ms after taking a 3 s lease: too early.");
        }

        heal();
        await holding.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static ServiceProvider Build(Action<LocksmithBuilder> backend) =>
        new ServiceCollection().AddLocksmith(backend).BuildServiceProvider();

    private static class PartitionedHolder
    {
        [DistributedLock("{key}", Ttl = "3s", WaitTimeout = "10s")]
        public static async Task HoldAsync(
            string key, Stopwatch clock, TaskCompletionSource<TimeSpan> entered, TaskCompletionSource<TimeSpan> cancelled, CancellationToken cancellationToken)
        {
            entered.TrySetResult(clock.Elapsed);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult(clock.Elapsed);
            }
        }
    }
}
