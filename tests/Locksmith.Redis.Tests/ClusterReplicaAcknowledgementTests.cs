using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests;

/// <summary>
/// Issue 16, item 4: with <see cref="RedisBackendOptions.WaitForReplicas"/> on a Redis Cluster, <c>WAIT</c> must go to
/// the primary that took the write, after it. Sent without a key it reached an arbitrary primary, and two acquisitions
/// in three were confirmed by a node whose replica never saw them.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ClusterReplicaAcknowledgementTests(ReplicatedClusterFixture fixture) : IClassFixture<ReplicatedClusterFixture>
{
    private static readonly LockOptions Fenced = new() { Ttl = TimeSpan.FromSeconds(30), WaitTimeout = TimeSpan.Zero, Renew = false, Fencing = true };

    [Fact]
    public async Task With_the_keys_replica_paused_every_acquisition_fails_whichever_primary_owns_it()
    {
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        foreach (var key in await KeysOnEveryPrimaryAsync("paused", perPrimary: 3))
        {
            var (primary, replicas) = await fixture.Cluster.ShardOfAsync(key);
            replicas.Single().Pause();
            try
            {
                var ex = await Assert.ThrowsAsync<LocksmithBackendException>(() =>
                    locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.Zero, Renew = false }).AsTask());
                Assert.Contains("Only 0 of the 1 replicas", ex.Message, StringComparison.Ordinal);
                Assert.False(await KeyExistsOnAsync(primary, $"ls:lock:{{{key}}}"), $"The unconfirmed lock on '{key}' was not given back.");
            }
            finally
            {
                replicas.Single().Resume();
            }
        }
    }

    [Fact]
    public async Task With_the_keys_replica_paused_fenced_locks_and_semaphore_permits_fail_too()
    {
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        var semaphores = services.GetRequiredService<ISemaphoreProvider>();
        var options = new SemaphoreOptions { WaitTimeout = TimeSpan.Zero, Renew = false };
        foreach (var key in await KeysOnEveryPrimaryAsync("paused-scripts", perPrimary: 1))
        {
            await AssertRefusedWhileReplicaPausedAsync(key, () => locks.AcquireAsync(key, Fenced).AsTask());
            await AssertRefusedWhileReplicaPausedAsync(key, () => semaphores.AcquireAsync(key, 2, options).AsTask());
        }

        foreach (var key in await KeysOnEveryPrimaryAsync("paused-fair", perPrimary: 1))
        {
            await AssertRefusedWhileReplicaPausedAsync(key, () => semaphores.AcquireAsync(key, 2, options with { Fair = true }).AsTask());
        }
    }

    [Fact]
    public async Task With_every_replica_running_every_kind_of_acquisition_is_confirmed_on_every_primary()
    {
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        var semaphores = services.GetRequiredService<ISemaphoreProvider>();
        foreach (var key in await KeysOnEveryPrimaryAsync("running", perPrimary: 2))
        {
            await using (var plain = await locks.AcquireAsync(key + ":plain", new LockOptions { WaitTimeout = TimeSpan.Zero, Renew = false }))
            {
                Assert.Null(await locks.TryAcquireAsync(key + ":plain"));
            }

            long first;
            await using (var fenced = await locks.AcquireAsync(key, Fenced))
            {
                first = fenced.FencingToken;
            }

            await using (var again = await locks.AcquireAsync(key, Fenced))
            {
                Assert.True(again.FencingToken > first, $"Fencing token {again.FencingToken} after {first}.");
            }

            // Two permits: the third caller is refused, so the script was given the key and the permit count.
            var options = new SemaphoreOptions { WaitTimeout = TimeSpan.Zero, Renew = false };
            await using (var one = await semaphores.AcquireAsync(key, 2, options))
            await using (var two = await semaphores.AcquireAsync(key, 2, options))
            {
                Assert.Null(await semaphores.TryAcquireAsync(key, 2));
            }

            var fair = options with { Fair = true };
            await using (var one = await semaphores.AcquireAsync(key + ":fair", 2, fair))
            await using (var two = await semaphores.AcquireAsync(key + ":fair", 2, fair))
            {
                Assert.Null(await semaphores.TryAcquireAsync(key + ":fair", 2, fair));
            }
        }
    }

    [Fact]
    public async Task After_SCRIPT_FLUSH_the_acknowledgement_is_asked_for_after_the_script_ran_again()
    {
        // EVALSHA answers NOSCRIPT and the script is sent again with EVAL. A WAIT pipelined behind the EVALSHA ran before
        // the write, and (with the replica up to date on everything earlier) confirmed a write it never saw.
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        var semaphores = services.GetRequiredService<ISemaphoreProvider>();
        foreach (var key in await KeysOnEveryPrimaryAsync("noscript", perPrimary: 1))
        {
            var (primary, replicas) = await fixture.Cluster.ShardOfAsync(key);

            // An acquisition that loads the script on the key's primary and leaves the connection's earlier writes confirmed.
            await using (await locks.AcquireAsync(key, Fenced))
            {
            }

            await FlushScriptsAsync(primary);
            replicas.Single().Pause();
            try
            {
                await AssertTooFewAsync(() => locks.AcquireAsync(key, Fenced).AsTask());
                await FlushScriptsAsync(primary);
                await AssertTooFewAsync(() => semaphores.AcquireAsync(key, 2, new SemaphoreOptions { WaitTimeout = TimeSpan.Zero, Renew = false }).AsTask());
            }
            finally
            {
                replicas.Single().Resume();
            }

            await FlushScriptsAsync(primary);
            await using var lease = await locks.AcquireAsync(key, Fenced);
            Assert.True(await KeyExistsOnAsync(replicas.Single(), $"ls:lock:{{{key}}}"), "The confirmed lock is not on the replica.");
        }
    }

    [Fact]
    public async Task After_the_keys_slot_moved_the_acknowledgement_is_asked_of_the_new_owner_not_the_old()
    {
        // The client learns its slot map when it connects; the slot then moves behind its back. The write sent to the old
        // owner is refused (MOVED) rather than followed, and write and WAIT both go to the new owner.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(fixture.Cluster.Configuration);
        var moves = 0;
        connection.HashSlotMoved += (_, _) => Interlocked.Increment(ref moves);
        await using var services = Build(connection);
        var locks = services.GetRequiredService<ILockProvider>();

        var refused = "moved-refused:" + Guid.NewGuid().ToString("N");
        var (newOwner, newReplicas) = await MoveSlotAsync(refused);
        newReplicas.Single().Pause();
        try
        {
            await AssertTooFewAsync(() => locks.AcquireAsync(refused, new LockOptions { WaitTimeout = TimeSpan.Zero, Renew = false }).AsTask());
        }
        finally
        {
            newReplicas.Single().Resume();
        }

        Assert.False(await KeyExistsOnAsync(newOwner, $"ls:lock:{{{refused}}}"), "The unconfirmed lock was not given back.");

        var confirmed = "moved-confirmed:" + Guid.NewGuid().ToString("N");
        (_, newReplicas) = await MoveSlotAsync(confirmed);
        await using var lease = await locks.AcquireAsync(confirmed, Fenced);
        Assert.True(await KeyExistsOnAsync(newReplicas.Single(), $"ls:lock:{{{confirmed}}}"), "The confirmed lock is not on the new owner's replica.");
        // The client raises HashSlotMoved on a worker, possibly after the acquisition returned.
        await Eventually.UntilAsync(
            () => Volatile.Read(ref moves) >= 2,
            TimeSpan.FromSeconds(5),
            () => $"the client to see two MOVED replies (it saw {moves}; the test did not exercise a stale slot map)");
    }

    [Fact]
    public async Task While_the_keys_slot_is_migrating_an_acquisition_fails_rather_than_following_ASK_and_works_once_moved()
    {
        // Redirected by ASK, the write would run on the importing node while WAIT waited on the old one; it is refused
        // instead (the client reports it as an unreachable endpoint), and nothing is written.
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        var key = "migrating:" + Guid.NewGuid().ToString("N");
        var move = await StartMovingSlotAsync(key);
        var ex = await Assert.ThrowsAsync<LocksmithBackendException>(() => locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.Zero, Renew = false }).AsTask());
        Assert.DoesNotContain("replicas", ex.Message, StringComparison.Ordinal);

        var (primary, replicas) = await move.FinishAsync();
        Assert.False(await KeyExistsOnAsync(primary, $"ls:lock:{{{key}}}"), "The refused acquisition wrote the lock on the importing node.");
        await using var lease = await locks.AcquireAsync(key, Fenced);
        Assert.True(await KeyExistsOnAsync(replicas.Single(), $"ls:lock:{{{key}}}"), "The confirmed lock is not on the new owner's replica.");
    }

    private async Task AssertRefusedWhileReplicaPausedAsync(string key, Func<Task> acquire)
    {
        var (_, replicas) = await fixture.Cluster.ShardOfAsync(key);
        replicas.Single().Pause();
        try
        {
            await AssertTooFewAsync(acquire);
        }
        finally
        {
            replicas.Single().Resume();
        }
    }

    private static async Task AssertTooFewAsync(Func<Task> acquire)
    {
        var ex = await Assert.ThrowsAsync<LocksmithBackendException>(acquire);
        Assert.Contains("Only 0 of the 1 replicas", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Keys whose slots are owned by each primary, <paramref name="perPrimary"/> of each.</summary>
    private async Task<IReadOnlyList<string>> KeysOnEveryPrimaryAsync(string prefix, int perPrimary)
    {
        var byPrimary = new Dictionary<int, List<string>>();
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; byPrimary.Count < 3 || byPrimary.Values.Any(keys => keys.Count < perPrimary); i++)
        {
            Assert.True(i < 200, "No keys found on every primary.");
            var key = $"{prefix}:{run}:{i}";
            var (primary, _) = await fixture.Cluster.ShardOfAsync(key);
            var keys = byPrimary.TryGetValue(primary.Port, out var list) ? list : byPrimary[primary.Port] = [];
            if (keys.Count < perPrimary)
            {
                keys.Add(key);
            }
        }

        return [.. byPrimary.Values.SelectMany(keys => keys)];
    }

    private async Task FlushScriptsAsync(RedisServer primary) =>
        await fixture.Admin.GetServer(primary.EndPoint).ScriptFlushAsync();

    private async Task<bool> KeyExistsOnAsync(RedisServer node, string redisKey)
    {
        // Asked of that node only: StackExchange.Redis puts a replica's connection in READONLY for a read, so the replica
        // answers from its own copy, and NoRedirect keeps a primary from passing the question on.
        var reply = await fixture.Admin.GetServer(node.EndPoint).ExecuteAsync("EXISTS", [(RedisKey)redisKey], CommandFlags.NoRedirect);
        return (long)reply == 1;
    }

    /// <summary>
    /// Moves <paramref name="key"/>'s slot (with any keys in it) from its primary to another, the steps of
    /// <c>redis-cli --cluster reshard</c>, and returns the new owner and its replicas.
    /// </summary>
    private async Task<(RedisServer Primary, IReadOnlyList<RedisServer> Replicas)> MoveSlotAsync(string key)
    {
        var move = await StartMovingSlotAsync(key);
        return await move.FinishAsync();
    }

    /// <summary>Marks <paramref name="key"/>'s slot MIGRATING on its primary and IMPORTING on another, and moves its keys.</summary>
    private async Task<SlotMove> StartMovingSlotAsync(string key)
    {
        var (source, _) = await fixture.Cluster.ShardOfAsync(key);
        RedisServer target;
        var i = 0;
        do
        {
            (target, _) = await fixture.Cluster.ShardOfAsync($"{key}:other:{i++}");
        }
        while (target == source);

        var from = fixture.Admin.GetServer(source.EndPoint);
        var to = fixture.Admin.GetServer(target.EndPoint);
        var slot = (long)await from.ExecuteAsync("CLUSTER", "KEYSLOT", key);
        var toId = (string)(await to.ExecuteAsync("CLUSTER", "MYID"))!;
        await to.ExecuteAsync("CLUSTER", "SETSLOT", slot, "IMPORTING", (string)(await from.ExecuteAsync("CLUSTER", "MYID"))!);
        await from.ExecuteAsync("CLUSTER", "SETSLOT", slot, "MIGRATING", toId);
        var keys = (RedisKey[])(await from.ExecuteAsync("CLUSTER", "GETKEYSINSLOT", slot, 1000))!;
        if (keys.Length > 0)
        {
            var migrate = new List<object> { "127.0.0.1", target.Port, "", 0, 5000, "KEYS" };
            migrate.AddRange(keys.Select(k => (object)k.ToString()));
            await from.ExecuteAsync("MIGRATE", [.. migrate]);
        }

        return new SlotMove(fixture.Cluster, key, slot, from, to, toId, target);
    }

    private sealed record SlotMove(RedisCluster Cluster, string Key, long Slot, IServer From, IServer To, string ToId, RedisServer Target)
    {
        /// <summary>Gives the slot to the target (SETSLOT NODE on both) and waits until the cluster says so.</summary>
        public async Task<(RedisServer Primary, IReadOnlyList<RedisServer> Replicas)> FinishAsync()
        {
            await To.ExecuteAsync("CLUSTER", "SETSLOT", Slot, "NODE", ToId);
            await From.ExecuteAsync("CLUSTER", "SETSLOT", Slot, "NODE", ToId);
            await Eventually.UntilAsync(
                async () => (await Cluster.ShardOfAsync(Key)).Primary == Target, TimeSpan.FromSeconds(10), $"slot {Slot} to move to {Target.EndPoint}", TimeSpan.FromMilliseconds(50));

            return await Cluster.ShardOfAsync(Key);
        }
    }

    private ServiceProvider Build() => Build(null);

    private ServiceProvider Build(IConnectionMultiplexer? connection) =>
        new ServiceCollection()
            .AddLocksmith(b => (connection is null ? b.UseRedis(fixture.Cluster.Configuration) : b.UseRedis(connection)).ConfigureRedis(o =>
            {
                o.WaitForReplicas = 1;
                o.ReplicaAcknowledgementTimeout = TimeSpan.FromMilliseconds(300);
            }))
            .BuildServiceProvider();
}
