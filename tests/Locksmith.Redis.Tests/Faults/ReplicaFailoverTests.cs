using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>
/// The failover hazard of asynchronous replication, on a real master and replica: the master dies before the lock key
/// reaches the replica, the replica is promoted, and a second client takes the same lock.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ReplicaFailoverTests : IAsyncLifetime
{
    private RedisServer _master = null!;
    private RedisServer _replica = null!;

    public async Task InitializeAsync()
    {
        _master = await RedisServer.StartAsync();
        _replica = await RedisServer.StartAsync("--replicaof", "127.0.0.1", _master.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var replica = await ConnectionMultiplexer.ConnectAsync($"{_replica.EndPoint},allowAdmin=true");
        await Eventually.UntilAsync(
            async () => (await replica.GetServer(_replica.EndPoint).InfoRawAsync("replication"))!.Contains("master_link_status:up", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "the replica to connect to its master",
            TimeSpan.FromMilliseconds(50));
    }

    public async Task DisposeAsync()
    {
        await _replica.DisposeAsync();
        await _master.DisposeAsync();
    }

    [Fact]
    public async Task With_replica_acknowledgement_the_lock_survives_the_masters_death_and_the_replicas_promotion()
    {
        await using var holder = Build(_master, waitForReplicas: 1);
        await using var lease = await holder.GetRequiredService<ILockProvider>().AcquireAsync("failover", new LockOptions { Ttl = TimeSpan.FromSeconds(30), Renew = false });

        await FailOverAsync();

        await using var other = Build(_replica, waitForReplicas: 0);
        Assert.Null(await other.GetRequiredService<ILockProvider>().TryAcquireAsync("failover"));
    }

    [Fact]
    public async Task Without_replica_acknowledgement_a_failover_can_let_a_second_holder_in()
    {
        // The hazard made deterministic: the replica is frozen and the master drops its link to it before the lock is
        // taken (a frozen process still receives into its kernel buffer, so freezing alone would not do), and it stays
        // frozen until the master has died: the key never reaches it.
        _replica.Pause();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{_master.EndPoint},allowAdmin=true"))
        {
            await admin.GetServer(_master.EndPoint).ExecuteAsync("CLIENT", "KILL", "TYPE", "replica");
        }

        await using var holder = Build(_master, waitForReplicas: 0);
        await using var lease = await holder.GetRequiredService<ILockProvider>().AcquireAsync("hazard", new LockOptions { Ttl = TimeSpan.FromSeconds(30), Renew = false });

        await FailOverAsync(resumeReplica: true);

        await using var other = Build(_replica, waitForReplicas: 0);
        await using var second = await other.GetRequiredService<ILockProvider>().TryAcquireAsync("hazard");
        Assert.NotNull(second);
        Assert.False(lease.IsLost, "The first holder has no way to know: two holders at once.");
    }

    [Fact]
    public async Task An_acquisition_no_replica_confirms_is_given_back_with_an_error_saying_what_to_check()
    {
        _replica.Pause();
        try
        {
            await using var holder = Build(_master, waitForReplicas: 1);
            var ex = await Assert.ThrowsAsync<LocksmithBackendException>(() => holder.GetRequiredService<ILockProvider>().AcquireAsync("unconfirmed").AsTask());
            Assert.Contains("WaitForReplicas", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Only 0 of the 1 replicas", ex.Message, StringComparison.Ordinal);

            await using var admin = await ConnectionMultiplexer.ConnectAsync(_master.EndPoint);
            Assert.False(await admin.GetDatabase().KeyExistsAsync("ls:lock:{unconfirmed}"), "The unconfirmed lock was not given back.");
        }
        finally
        {
            _replica.Resume();
        }
    }

    private async Task FailOverAsync(bool resumeReplica = false)
    {
        await _master.KillAsync();
        if (resumeReplica)
        {
            _replica.Resume();
        }

        await using var replica = await ConnectionMultiplexer.ConnectAsync($"{_replica.EndPoint},allowAdmin=true");
        await replica.GetServer(_replica.EndPoint).ExecuteAsync("REPLICAOF", "NO", "ONE");
    }

    private static ServiceProvider Build(RedisServer server, int waitForReplicas) =>
        new ServiceCollection()
            .AddLocksmith(b => b.UseRedis($"{server.EndPoint},connectTimeout=1000").ConfigureRedis(o =>
            {
                o.WaitForReplicas = waitForReplicas;
                o.ReplicaAcknowledgementTimeout = TimeSpan.FromMilliseconds(500);
            }))
            .BuildServiceProvider();
}
