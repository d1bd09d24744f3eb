using System.Diagnostics;
using Xunit;

namespace Locksmith.Conformance;

/// <summary>The semaphore behaviour every backend must have. Subclass once per backend.</summary>
public abstract class SemaphoreConformanceTests : ConformanceTestBase
{
    private SemaphoreOptions Short(bool renew = true) =>
        new() { Ttl = Backend.ShortTtl, Renew = renew, WaitTimeout = Patience };

    [Fact]
    public async Task In_fair_mode_waiters_get_permits_in_arrival_order_across_clients()
    {
        var fair = new SemaphoreOptions { Fair = true, WaitTimeout = Patience, Ttl = TimeSpan.FromSeconds(10) };
        var holderClient = await ConnectAsync();
        if (!Backend.SupportsFairSemaphores)
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => holderClient.Semaphores.AcquireAsync(Key(), 1, fair).AsTask());
            Assert.Contains("Fair", ex.Message, StringComparison.Ordinal);
            return;
        }

        var holder = await holderClient.Semaphores.AcquireAsync(Key(), 1, fair);
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var waiters = new List<Task>();
        for (var i = 0; i < 5; i++)
        {
            // Each waiter is its own client (process); they arrive well apart, so arrival order is unambiguous.
            var client = await ConnectAsync();
            var arrival = i;
            waiters.Add(Task.Run(async () =>
            {
                await using var permit = await client.Semaphores.AcquireAsync(Key(nameof(In_fair_mode_waiters_get_permits_in_arrival_order_across_clients)), 1, fair);
                order.Enqueue(arrival);
                await Task.Delay(20);
            }));
            await Task.Delay(250);
        }

        await holder.DisposeAsync();
        await Task.WhenAll(waiters);
        Assert.Equal([0, 1, 2, 3, 4], order.ToArray());
    }

    [Fact]
    public async Task A_fair_waiter_that_gives_up_does_not_hold_up_the_ones_behind_it()
    {
        if (!Backend.SupportsFairSemaphores)
        {
            return;
        }

        var fair = new SemaphoreOptions { Fair = true, WaitTimeout = Patience, Ttl = TimeSpan.FromSeconds(10) };
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        var holder = await clients[0].Semaphores.AcquireAsync(Key(), 1, fair);
        Assert.Null(await clients[1].Semaphores.TryAcquireAsync(Key(), 1, fair with { WaitTimeout = TimeSpan.FromMilliseconds(100) }));
        var behind = clients[2].Semaphores.AcquireAsync(Key(), 1, fair).AsTask();
        await Task.Delay(100);

        var watch = Stopwatch.StartNew();
        await holder.DisposeAsync();
        await using var permit = await behind;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"The waiter behind one that gave up waited {watch.Elapsed}.");
    }

    [Fact]
    public async Task Never_more_than_the_permitted_holders_among_32_contenders()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        const int permits = 3;
        var inside = 0;
        var maxInside = 0;
        var options = new SemaphoreOptions { WaitTimeout = TimeSpan.FromSeconds(60) };

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                await using var permit = await clients[i % clients.Length].Semaphores.AcquireAsync(Key(), permits, options);
                var now = Interlocked.Increment(ref inside);
                int seen;
                while ((seen = Volatile.Read(ref maxInside)) < now && Interlocked.CompareExchange(ref maxInside, now, seen) != seen)
                {
                }

                await Task.Delay(5);
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.True(maxInside <= permits, $"{maxInside} holders at once with {permits} permits.");
        Assert.Equal(permits, maxInside);
    }

    [Fact]
    public async Task TryAcquire_returns_null_when_every_permit_is_taken()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var one = await a.Semaphores.AcquireAsync(Key(), 2);
        await using var two = await b.Semaphores.AcquireAsync(Key(), 2);

        Assert.Null(await b.Semaphores.TryAcquireAsync(Key(), 2));
        Assert.Equal(2, one.Permits);
    }

    [Fact]
    public async Task Giving_back_a_permit_wakes_a_waiter_promptly()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var held = await a.Semaphores.AcquireAsync(Key(), 1, new SemaphoreOptions { Ttl = TimeSpan.FromSeconds(60) });
        var waiting = b.Semaphores.AcquireAsync(Key(), 1, new SemaphoreOptions { WaitTimeout = TimeSpan.FromSeconds(30) }).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        var released = Stopwatch.StartNew();
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(Patience);
        Assert.True(released.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_crashed_holders_permit_expires_after_its_ttl()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var taken = Stopwatch.StartNew();
        _ = await a.Semaphores.AcquireAsync(Key(), 2, Short());
        _ = await a.Semaphores.AcquireAsync(Key(), 2, Short());
        await a.CrashAsync();
        Assert.Null(await b.Semaphores.TryAcquireAsync(Key(), 2));

        await using var permit = await b.Semaphores.AcquireAsync(Key(), 2, Short());

        Assert.True(taken.Elapsed >= Backend.ShortTtl * 0.9, $"Got a permit after {taken.Elapsed}, before the crashed holders' TTL.");
    }

    [Fact]
    public async Task Renewal_keeps_a_permit_past_its_ttl()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var permit = await a.Semaphores.AcquireAsync(Key(), 1, Short());

        await Task.Delay(Backend.ShortTtl * 3);

        Assert.False(permit.IsLost);
        Assert.Null(await b.Semaphores.TryAcquireAsync(Key(), 1));
    }

    [Fact]
    public async Task A_revoked_permit_fires_its_lost_token()
    {
        var a = await ConnectAsync();
        await using var permit = await a.Semaphores.AcquireAsync(Key(), 2, Short());

        await Backend.RevokeAsync(permit);

        await WaitForAsync("renewal to notice the revoked permit", permit.LostToken);
    }

    [Fact]
    public async Task Acquire_times_out_when_no_permit_comes_free()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var held = await a.Semaphores.AcquireAsync(Key(), 1);

        var ex = await Assert.ThrowsAsync<LockTimeoutException>(
            () => b.Semaphores.AcquireAsync(Key(), 1, new SemaphoreOptions { WaitTimeout = TimeSpan.FromMilliseconds(200) }).AsTask());
        Assert.Contains("semaphore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_permits_is_rejected()
    {
        var a = await ConnectAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => a.Semaphores.AcquireAsync(Key(), 0).AsTask());
    }
}
