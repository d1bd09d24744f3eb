using System.Diagnostics;
using Locksmith.Redis.Internal;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>Redlock with masters killed, paused and restarted empty: each test starts its own five redis-servers.</summary>
[Collection(TimingSensitive.Name)]
public sealed class RedlockFaultTests : IAsyncLifetime
{
    private readonly List<RedisServer> _masters = [];

    public async Task InitializeAsync() => _masters.AddRange(await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RedisServer.StartAsync())));

    public async Task DisposeAsync()
    {
        foreach (var master in _masters)
        {
            await master.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_of_five_masters_killed_still_grants_locks_with_mutual_exclusion()
    {
        await _masters[0].KillAsync();
        await _masters[1].KillAsync();
        await using var a = Build();
        await using var b = Build();
        var overlap = 0;
        var inside = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var locks = (i % 2 == 0 ? a : b).GetRequiredService<ILockProvider>();
            for (var round = 0; round < 5; round++)
            {
                await using var lease = await locks.AcquireAsync("two-down", new LockOptions { WaitTimeout = TimeSpan.FromSeconds(30) });
                if (Interlocked.Increment(ref inside) > 1)
                {
                    Interlocked.Increment(ref overlap);
                }

                await Task.Delay(2);
                Interlocked.Decrement(ref inside);
            }
        }));

        Assert.Equal(0, overlap);
    }

    [Fact]
    public async Task Three_of_five_masters_killed_fails_fast_with_a_quorum_exception_and_leaves_nothing_behind()
    {
        var ports = _masters.Take(3).Select(m => m.Port).ToList();
        foreach (var master in _masters.Take(3))
        {
            await master.KillAsync();
        }

        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RedlockQuorumException>(() => locks.AcquireAsync("three-down").AsTask());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Took {watch.Elapsed} to fail.");
        Assert.Equal((2, 3, 5), (ex.Answered, ex.Required, ex.Masters));
        Assert.Contains($"127.0.0.1:{ports[0]}", ex.Message, StringComparison.Ordinal);

        // The masters come back (empty, as after a crash without persistence): no part of the failed lease remains.
        for (var i = 0; i < 3; i++)
        {
            await _masters[i].DisposeAsync();
            _masters[i] = await RedisServer.StartOnPortAsync(ports[i]);
        }

        foreach (var master in _masters)
        {
            await using var admin = await ConnectionMultiplexer.ConnectAsync(master.EndPoint);
            Assert.False(await admin.GetDatabase().KeyExistsAsync("ls:lock:{three-down}"), $"A part of the lease stayed on {master.EndPoint}.");
        }

        // Once the client has reconnected, the lock can be had again.
        await Eventually.SucceedsAsync<RedlockQuorumException>(
            async () =>
            {
                await using var lease = await locks.AcquireAsync("three-down");
                Assert.False(lease.IsLost);
            },
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_paused_master_does_not_stop_acquisition_beyond_the_instance_timeout()
    {
        _masters[2].Pause();
        await using var services = Build(o => o.InstanceTimeout = TimeSpan.FromMilliseconds(200));
        var locks = services.GetRequiredService<ILockProvider>();

        var watch = Stopwatch.StartNew();
        await using (var lease = await locks.AcquireAsync("paused", new LockOptions { Fencing = true }))
        {
            Assert.True(lease.FencingToken > 0);
        }

        // Quorum comes from the four live masters; the paused one is not waited for.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Took {watch.Elapsed} with one master paused.");
        _masters[2].Resume();
    }

    [Fact]
    public async Task A_lease_survives_one_master_restarted_empty_and_is_lost_when_the_quorum_is()
    {
        await using var services = Build();
        var locks = services.GetRequiredService<ILockProvider>();
        await using var lease = await locks.AcquireAsync("restarted", new LockOptions { Ttl = TimeSpan.FromSeconds(2) });

        await RestartEmptyAsync(0);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(lease.LostToken.IsCancellationRequested, "One master restarted empty must not cost the lease: 4 of 5 still hold it.");

        await RestartEmptyAsync(1);
        await RestartEmptyAsync(2);
        var lost = new TaskCompletionSource();
        using var registration = lease.LostToken.Register(lost.SetResult);
        Assert.Same(lost.Task, await Task.WhenAny(lost.Task, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task Endpoints_that_are_the_same_server_are_refused()
    {
        await using var services = new ServiceCollection()
            .AddLocksmith(b => b.UseRedlock(_masters[0].EndPoint, _masters[0].EndPoint, _masters[1].EndPoint))
            .BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<ILockProvider>().AcquireAsync("same").AsTask());

        Assert.Contains("same Redis server", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_masters[0].EndPoint, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "at least 3")]
    [InlineData(4, "even number")]
    public async Task An_unsafe_master_count_is_refused_at_startup_unless_allowed(int count, string expected)
    {
        var endpoints = _masters.Take(count).Select(m => m.EndPoint).ToArray();
        await using (var refused = new ServiceCollection().AddLocksmith(b => b.UseRedlock(endpoints)).BuildServiceProvider())
        {
            var ex = Assert.Throws<OptionsValidationException>(() => refused.GetRequiredService<IOptions<RedlockOptions>>().Value);
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Contains("AllowUnsafeMasterCount", ex.Message, StringComparison.Ordinal);
        }

        await using var allowed = new ServiceCollection()
            .AddLocksmith(b => b.UseRedlock(endpoints).ConfigureRedlock(o => o.AllowUnsafeMasterCount = true))
            .BuildServiceProvider();
        await using var lease = await allowed.GetRequiredService<ILockProvider>().AcquireAsync("unsafe-count");
        Assert.False(lease.IsLost);
    }

    [Fact]
    public async Task Acquisition_runs_on_all_masters_in_parallel()
    {
        // Every master holds back writes for 300 ms (CLIENT PAUSE ... WRITE): asked one after another, five masters would
        // take 1.5 s; asked in parallel, about 0.3 s.
        await using var services = Build(o => o.InstanceTimeout = TimeSpan.FromSeconds(3));
        var locks = services.GetRequiredService<ILockProvider>();
        await (await locks.AcquireAsync("warm-up")).DisposeAsync();
        var admins = await Task.WhenAll(_masters.Select(m => ConnectionMultiplexer.ConnectAsync($"{m.EndPoint},allowAdmin=true")));
        try
        {
            await Task.WhenAll(admins.Select(a => a.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "300", "WRITE")));
            var watch = Stopwatch.StartNew();
            await using (await locks.AcquireAsync("parallel", new LockOptions { Ttl = TimeSpan.FromSeconds(10) }))
            {
                Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1000), $"Took {watch.Elapsed}: the masters were asked one after another.");
            }
        }
        finally
        {
            foreach (var admin in admins)
            {
                await admin.DisposeAsync();
            }
        }
    }

    private ServiceProvider Build(Action<RedlockOptions>? configure = null) =>
        new ServiceCollection()
            .AddLocksmith(b => b.UseRedlock(_masters.Select(m => $"{m.EndPoint},connectTimeout=500").ToArray()).ConfigureRedlock(configure ?? (_ => { })))
            .BuildServiceProvider();

    private async Task RestartEmptyAsync(int index)
    {
        var port = _masters[index].Port;
        await _masters[index].DisposeAsync();
        _masters[index] = await RedisServer.StartOnPortAsync(port);
    }
}
