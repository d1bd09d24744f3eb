using System.Diagnostics;
using System.Globalization;
using System.Net;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>What is particular to Redis Cluster: sharded release notices, and leases held through a slot migration.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ClusterTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task Release_notices_are_sharded_to_the_node_that_owns_the_key()
    {
        // With re-checks pushed out to a minute, only the release notice can wake the waiter promptly.
        await using var services = Build(o => o.RecheckInterval = TimeSpan.FromMinutes(1));
        var locks = services.GetRequiredService<ILockProvider>();
        var key = "sharded:" + Guid.NewGuid().ToString("N");
        var lease = await locks.AcquireAsync(key, new LockOptions { Ttl = TimeSpan.FromSeconds(30) });
        var waiting = locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.FromSeconds(30) }).AsTask();

        var channel = $"ls:released:ls:lock:{{{key}}}";
        var owner = Owner($"ls:lock:{{{key}}}");
        await Eventually.UntilAsync(async () => ShardSubscribers(await owner.ExecuteAsync("PUBSUB", "SHARDNUMSUB", channel)) == 1, TimeSpan.FromSeconds(10), "the waiter to subscribe to the key's shard channel");
        foreach (var node in fixture.Cluster.Nodes)
        {
            var server = fixture.Admin.GetServer(IPEndPoint.Parse(node.EndPoint));
            Assert.Equal(0, ShardSubscribers(await server.ExecuteAsync("PUBSUB", "NUMSUB", channel)));
        }

        var watch = Stopwatch.StartNew();
        await lease.DisposeAsync();
        await using var next = await waiting;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"The waiter took {watch.Elapsed} to hear the release.");
    }

    [Fact]
    public async Task Inspection_counts_the_waiters_subscribed_to_sharded_release_notices()
    {
        await using var services = Build(o => o.RecheckInterval = TimeSpan.FromMinutes(1));
        var locks = services.GetRequiredService<ILockProvider>();
        var key = "inspected:" + Guid.NewGuid().ToString("N");
        await using var lease = await locks.AcquireAsync(key, new LockOptions { Ttl = TimeSpan.FromSeconds(30) });
        using var stopWaiting = new CancellationTokenSource();
        var waiting = locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.FromSeconds(30) }, stopWaiting.Token).AsTask();
        var channel = $"ls:released:ls:lock:{{{key}}}";
        var owner = Owner($"ls:lock:{{{key}}}");
        await Eventually.UntilAsync(async () => ShardSubscribers(await owner.ExecuteAsync("PUBSUB", "SHARDNUMSUB", channel)) == 1, TimeSpan.FromSeconds(10), "the waiter to subscribe to the key's shard channel");

        var report = await Inspection.LocksmithInspector.InspectAsync(fixture.Admin.GetDatabase(), "ls:");

        Assert.Contains(report.Waiters, w => w.RedisKey == $"ls:lock:{{{key}}}" && w.Subscribers == 1);
        Assert.Equal(1, Assert.Single(report.Locks, l => l.Key == key).Waiters);
        await stopWaiting.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_held_lease_survives_its_slot_migrating_to_another_node()
    {
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        var key = "migrating:" + Guid.NewGuid().ToString("N");
        var redisKey = $"ls:lock:{{{key}}}";
        await using var lease = await locks.AcquireAsync(key, new LockOptions { Ttl = TimeSpan.FromSeconds(1.5), Fencing = true });

        var slot = (long)await fixture.Admin.GetDatabase().ExecuteAsync("CLUSTER", "KEYSLOT", redisKey);
        var source = Owner(redisKey);
        var target = fixture.Admin.GetServer(IPEndPoint.Parse(fixture.Cluster.Nodes.First(n => n.EndPoint != source.EndPoint.ToString()).EndPoint));
        var sourceId = (string)(await source.ExecuteAsync("CLUSTER", "MYID"))!;
        var targetId = (string)(await target.ExecuteAsync("CLUSTER", "MYID"))!;
        var targetEndPoint = (IPEndPoint)target.EndPoint;

        // The steps redis-cli --cluster reshard takes, with renewals running between them: while MIGRATING the key is
        // still served by the source; once moved, the source answers ASK; after SETSLOT NODE everyone answers MOVED.
        await target.ExecuteAsync("CLUSTER", "SETSLOT", slot, "IMPORTING", sourceId);
        await source.ExecuteAsync("CLUSTER", "SETSLOT", slot, "MIGRATING", targetId);
        await Task.Delay(1200);
        var keys = (RedisKey[])(await source.ExecuteAsync("CLUSTER", "GETKEYSINSLOT", slot, 100))!;
        var migrate = new List<object> { targetEndPoint.Address.ToString(), targetEndPoint.Port, "", 0, 5000, "KEYS" };
        migrate.AddRange(keys.Select(k => (object)k.ToString()));
        await source.ExecuteAsync("MIGRATE", [.. migrate]);
        await Task.Delay(1200);
        foreach (var node in fixture.Cluster.Nodes)
        {
            await fixture.Admin.GetServer(IPEndPoint.Parse(node.EndPoint)).ExecuteAsync("CLUSTER", "SETSLOT", slot, "NODE", targetId);
        }

        await Task.Delay(1200);

        Assert.False(lease.IsLost, "The lease was lost during the migration.");
        Assert.Contains(redisKey, keys.Select(k => k.ToString()));
        Assert.True(await lease.ExtendAsync());
        Assert.True(await target.ExecuteAsync("EXISTS", redisKey) is var exists && (long)exists == 1, "The lock key did not move to the new owner.");
        await lease.DisposeAsync();
        Assert.False(await fixture.Admin.GetDatabase().KeyExistsAsync(redisKey));
    }

    private IServer Owner(string redisKey) =>
        fixture.Admin.GetServer(fixture.Admin.GetDatabase().IdentifyEndpoint(redisKey)!);

    private static long ShardSubscribers(RedisResult reply) => (long)((RedisResult[])reply!)[1];

    private ServiceProvider Build(Action<RedisBackendOptions>? configure = null) =>
        new ServiceCollection()
            .AddLocksmith(b => b.UseRedis(fixture.Cluster.Configuration).ConfigureRedis(configure ?? (_ => { })))
            .BuildServiceProvider();
}
