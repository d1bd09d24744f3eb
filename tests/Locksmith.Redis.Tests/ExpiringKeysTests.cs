using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>
/// Every key Locksmith writes expires: after each primitive is used (granted at once, and granted after waiting) and
/// released, no key of it is left without a TTL, on every topology.
/// </summary>
public sealed class ExpiringKeysTests(RedisServerFixture server, RedlockFixture redlock, RedisClusterFixture cluster)
    : IClassFixture<RedisServerFixture>, IClassFixture<RedlockFixture>, IClassFixture<RedisClusterFixture>
{
    [Fact]
    public Task One_server_leaves_no_key_without_a_ttl() =>
        AssertEveryKeyExpiresAsync(b => b.UseRedis(server.Server.EndPoint), [server.Admin], fair: true, readerWriter: true);

    [Fact]
    public Task Redlock_leaves_no_key_without_a_ttl() =>
        AssertEveryKeyExpiresAsync(b => b.UseRedlock(redlock.EndPoints), redlock.Admins, fair: false, readerWriter: false);

    [Fact]
    public Task Cluster_leaves_no_key_without_a_ttl() =>
        AssertEveryKeyExpiresAsync(b => b.UseRedis(cluster.Cluster.Configuration), [cluster.Admin], fair: true, readerWriter: true);

    private static async Task AssertEveryKeyExpiresAsync(Action<LocksmithBuilder> backend, IReadOnlyList<IConnectionMultiplexer> admins, bool fair, bool readerWriter)
    {
        await using var services = new ServiceCollection().AddLocksmith(backend).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var semaphores = services.GetRequiredService<ISemaphoreProvider>();
        var tag = "ttl-" + Guid.NewGuid().ToString("N");
        var wait = TimeSpan.FromSeconds(20);

        await UseAsync($"{tag}:lock", key => locks.AcquireAsync(key, new LockOptions { WaitTimeout = wait }));
        await UseAsync($"{tag}:fenced", key => locks.AcquireAsync(key, new LockOptions { Fencing = true, WaitTimeout = wait }));
        await UseAsync($"{tag}:semaphore", key => semaphores.AcquireAsync(key, 1, new SemaphoreOptions { WaitTimeout = wait }));
        if (fair)
        {
            await UseAsync($"{tag}:fair", key => semaphores.AcquireAsync(key, 1, new SemaphoreOptions { Fair = true, WaitTimeout = wait }));
        }

        if (readerWriter)
        {
            // Reader-writer locks (not on Redlock, which refuses them): every key expires while held too, in each state.
            var rw = services.GetRequiredService<IReaderWriterLockProvider>();
            var key = $"{tag}:rw";
            var reader = await rw.AcquireReadAsync(key, new LockOptions { WaitTimeout = wait });
            var upgradeable = await rw.AcquireUpgradeableReadAsync(key, new LockOptions { Fencing = true, WaitTimeout = wait });
            var writing = rw.AcquireWriteAsync(key, new LockOptions { Fencing = true, WaitTimeout = wait }).AsTask();
            await Task.Delay(100);
            await AssertEveryKeyHasATtlAsync(admins, tag, "with a reader, an upgradeable reader and a waiting writer");
            await reader.DisposeAsync();
            await upgradeable.UpgradeAsync();
            await AssertEveryKeyHasATtlAsync(admins, tag, "upgraded, with a writer waiting");
            await upgradeable.DisposeAsync();
            await (await writing).DisposeAsync();
        }

        await AssertEveryKeyHasATtlAsync(admins, tag, "after release");
    }

    private static async Task AssertEveryKeyHasATtlAsync(IReadOnlyList<IConnectionMultiplexer> admins, string tag, string when)
    {
        var leftovers = new List<string>();
        foreach (var admin in admins)
        {
            foreach (var node in admin.GetServers().Where(s => !s.IsReplica))
            {
                await foreach (var key in node.KeysAsync(pattern: $"*{tag}*"))
                {
                    var ttl = await node.Multiplexer.GetDatabase().ExecuteAsync("PTTL", key);
                    if ((long)ttl == -1)
                    {
                        leftovers.Add($"{key} on {node.EndPoint}");
                    }
                }
            }
        }

        Assert.True(leftovers.Count == 0, $"Keys without a TTL {when}: " + string.Join(", ", leftovers));
    }

    /// <summary>
    /// Takes a lease uncontended and releases it; then, on another key (so neither path hides the other's keys), takes one
    /// while a second caller waits for it, and releases both.
    /// </summary>
    private static async Task UseAsync<TLease>(string key, Func<string, ValueTask<TLease>> acquire)
        where TLease : ILease
    {
        await (await acquire(key + ":alone")).DisposeAsync();
        var first = await acquire(key + ":contended");
        var waiting = acquire(key + ":contended").AsTask();
        await Task.Delay(100);
        await first.DisposeAsync();
        await (await waiting).DisposeAsync();
    }
}
