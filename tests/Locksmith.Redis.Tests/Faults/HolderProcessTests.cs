using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>Real holder processes killed with SIGKILL or paused with SIGSTOP past their TTL.</summary>
public sealed class HolderProcessTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_killed_holder_blocks_others_until_its_ttl_and_not_after()
    {
        const int TtlMs = 2_000;
        var key = "killed:" + Guid.NewGuid().ToString("N");
        await using var holder = await HolderProcess.StartAsync(fixture.Server.EndPoint, key, TtlMs, "unused");
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        Assert.Null(await locks.TryAcquireAsync(key));

        holder.Kill();
        var killed = Stopwatch.StartNew();
        await using var lease = await locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.FromSeconds(20) });

        // Renewal runs every TTL/3, so the key outlives the kill by between 2/3 of the TTL and the whole TTL.
        Assert.True(killed.Elapsed >= TimeSpan.FromMilliseconds(TtlMs * 0.5), $"Acquired {killed.Elapsed} after the kill, before the TTL.");
        Assert.True(killed.Elapsed < TimeSpan.FromMilliseconds(TtlMs + 2_000), $"Acquired only {killed.Elapsed} after the kill.");
    }

    [Fact]
    public async Task A_killed_holders_semaphore_permit_comes_back_after_its_ttl_and_not_before()
    {
        const int TtlMs = 2_000;
        var key = "killed-permit:" + Guid.NewGuid().ToString("N");
        await using var holder = await HolderProcess.StartAsync(fixture.Server.EndPoint, key, TtlMs, "unused", semaphorePermits: 2);
        await using var services = Build();
        var semaphores = services.GetRequiredService<ISemaphoreProvider>();
        await using var mine = await semaphores.AcquireAsync(key, 2);
        Assert.Null(await semaphores.TryAcquireAsync(key, 2));

        holder.Kill();
        var killed = Stopwatch.StartNew();
        await using var freed = await semaphores.AcquireAsync(key, 2, new SemaphoreOptions { WaitTimeout = TimeSpan.FromSeconds(20) });

        // No sweeper: the next acquire script drops the dead holder's permit once its expiry score has passed.
        Assert.True(killed.Elapsed >= TimeSpan.FromMilliseconds(TtlMs * 0.5), $"Acquired {killed.Elapsed} after the kill, before the TTL.");
        Assert.True(killed.Elapsed < TimeSpan.FromMilliseconds(TtlMs + 2_000), $"Acquired only {killed.Elapsed} after the kill.");
    }

    [Fact]
    public async Task A_paused_holder_loses_its_lease_and_its_stale_fenced_write_is_rejected()
    {
        const int TtlMs = 1_000;
        var key = "paused:" + Guid.NewGuid().ToString("N");
        var resource = "ls:test:resource:" + Guid.NewGuid().ToString("N");
        await using var holder = await HolderProcess.StartAsync(fixture.Server.EndPoint, key, TtlMs, resource);
        Assert.Equal("write ok", await holder.WriteAsync("from the first holder"));
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();

        holder.Pause();
        await using var lease = await locks.AcquireAsync(key, new LockOptions { Fencing = true, WaitTimeout = TimeSpan.FromSeconds(20) });
        Assert.True(lease.FencingToken > holder.FencingToken);
        Assert.True(await FencedRedisValue.TrySetAsync(fixture.Admin.GetDatabase(), resource, "from the second holder", lease.FencingToken));
        holder.Resume();

        await holder.ExpectAsync("lost", TimeSpan.FromSeconds(15));
        Assert.Equal("write rejected", await holder.WriteAsync("stale"));
        Assert.Equal("from the second holder", (string?)await FencedRedisValue.GetAsync(fixture.Admin.GetDatabase(), resource));
    }

    [Fact]
    public async Task A_killed_reader_process_lets_a_writer_in_within_its_own_ttl_while_another_reader_keeps_renewing()
    {
        const int TtlMs = 2_000;
        var key = "killed-reader:" + Guid.NewGuid().ToString("N");
        await using var holder = await HolderProcess.StartAsync(fixture.Server.EndPoint, key, TtlMs, "unused", read: true);
        await using var services = Build();
        var rw = services.GetRequiredService<IReaderWriterLockProvider>();

        // A live reader with a longer TTL renews throughout; its renewals must not keep the dead reader's entry alive.
        var live = await rw.AcquireReadAsync(key, new LockOptions { Ttl = TimeSpan.FromMilliseconds(TtlMs * 3) });
        await using var other = Build();
        var writing = other.GetRequiredService<IReaderWriterLockProvider>().AcquireWriteAsync(key, new LockOptions { WaitTimeout = TimeSpan.FromSeconds(20) }).AsTask();

        holder.Kill();
        var killed = Stopwatch.StartNew();
        await Task.Delay(TtlMs + 300);
        Assert.False(writing.IsCompleted, "The writer got in while the live reader held the key.");
        await live.DisposeAsync();
        var released = Stopwatch.StartNew();
        await using var writer = await writing.WaitAsync(TimeSpan.FromSeconds(10));

        // The dead reader went at its own expiry (at most its TTL after the kill), so only the live one's release mattered.
        Assert.True(released.Elapsed < TimeSpan.FromMilliseconds(1_000), $"The writer got in {released.Elapsed} after the live reader left ({killed.Elapsed} after the kill).");
    }

    private ServiceProvider Build() =>
        new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
}
