using System.Diagnostics;
using Xunit;

namespace Locksmith.Conformance;

/// <summary>The lock behaviour every backend must have. Subclass once per backend.</summary>
public abstract class LockConformanceTests : ConformanceTestBase
{
    private LockOptions Short(bool renew = true, bool fencing = false) =>
        new() { Ttl = Backend.ShortTtl, Renew = renew, Fencing = fencing, WaitTimeout = Patience };

    [Fact]
    public async Task Contenders_never_overlap_in_the_critical_section()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        var key = Key();
        var inside = 0;
        var maxInside = 0;
        var entries = 0;
        var options = new LockOptions { WaitTimeout = TimeSpan.FromSeconds(60) };

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                await using var lease = await clients[i % clients.Length].Locks.AcquireAsync(key, options);
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                Interlocked.Increment(ref entries);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.Equal(1, maxInside);
        Assert.Equal(96, entries);
    }

    [Fact]
    public async Task TryAcquire_returns_null_while_another_owner_holds_the_lock()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var held = await a.Locks.AcquireAsync(Key());

        Assert.Null(await b.Locks.TryAcquireAsync(Key()));
        Assert.Null(await a.Locks.TryAcquireAsync(Key()));
    }

    [Fact]
    public async Task Released_lock_can_be_taken_again_at_once()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var first = await a.Locks.AcquireAsync(Key());
        await first.DisposeAsync();

        await using var second = await b.Locks.TryAcquireAsync(Key());
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Release_wakes_a_waiter_without_waiting_for_the_ttl()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var held = await a.Locks.AcquireAsync(Key(), new LockOptions { Ttl = TimeSpan.FromSeconds(60) });
        var waiting = b.Locks.AcquireAsync(Key(), new LockOptions { WaitTimeout = TimeSpan.FromSeconds(30) }).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        var released = Stopwatch.StartNew();
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(Patience);

        Assert.True(released.Elapsed < TimeSpan.FromSeconds(5), $"The waiter took {released.Elapsed} after the release.");
    }

    [Fact]
    public async Task Crashed_holder_blocks_others_until_its_ttl_and_not_longer()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var ttl = Backend.ShortTtl;
        var taken = Stopwatch.StartNew();
        _ = await a.Locks.AcquireAsync(Key(), Short());
        await a.CrashAsync();

        await using var next = await b.Locks.AcquireAsync(Key(), Short());

        Assert.True(taken.Elapsed >= ttl * 0.9, $"Acquired after {taken.Elapsed}, before the crashed holder's TTL of {ttl} ran out.");
        Assert.True(taken.Elapsed < ttl + Patience);
    }

    [Fact]
    public async Task Renewal_keeps_the_lease_past_its_ttl()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var lease = await a.Locks.AcquireAsync(Key(), Short());

        await Task.Delay(Backend.ShortTtl * 3);

        Assert.False(lease.IsLost);
        Assert.Null(await b.Locks.TryAcquireAsync(Key()));
    }

    [Fact]
    public async Task Without_renewal_the_lease_is_reported_lost_when_its_ttl_passes()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var lease = await a.Locks.AcquireAsync(Key(), Short(renew: false));

        await WaitForAsync("the lost token to fire after the TTL", lease.LostToken);

        Assert.True(lease.IsLost);
        await using var next = await b.Locks.AcquireAsync(Key(), Short());
    }

    [Fact]
    public async Task MaxHoldTime_ends_renewal_and_reports_the_lease_lost()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var held = Stopwatch.StartNew();
        await using var lease = await a.Locks.AcquireAsync(Key(), Short() with { MaxHoldTime = Backend.ShortTtl * 1.5 });

        await WaitForAsync("the lease to be reported lost at its MaxHoldTime", lease.LostToken);

        Assert.True(held.Elapsed >= Backend.ShortTtl * 1.4, $"Lost after {held.Elapsed}, before MaxHoldTime.");
        await using var next = await b.Locks.AcquireAsync(Key(), Short());
    }

    [Fact]
    public async Task LostToken_fires_when_the_backend_no_longer_has_the_lease()
    {
        var a = await ConnectAsync();
        await using var lease = await a.Locks.AcquireAsync(Key(), Short());

        await Backend.RevokeAsync(lease);

        await WaitForAsync("renewal to notice the revoked lease", lease.LostToken);
        Assert.False(await lease.ExtendAsync());
    }

    [Fact]
    public async Task LostToken_is_already_cancelled_when_read_after_the_loss()
    {
        var a = await ConnectAsync();
        await using var lease = await a.Locks.AcquireAsync(Key(), Short(renew: false));
        await Task.Delay(Backend.ShortTtl * 2);

        Assert.True(lease.LostToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Fencing_tokens_strictly_increase_across_clients()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync() };
        var tokens = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            await using var lease = await clients[i % 2].Locks.AcquireAsync(Key(), Short(fencing: true));
            tokens.Add(lease.FencingToken);
        }

        Assert.All(tokens.Zip(tokens.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
        Assert.True(tokens[0] > 0);
    }

    [Fact]
    public async Task Fencing_tokens_increase_in_acquisition_order_under_contention()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        var order = new List<long>();
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var lease = await clients[i % 3].Locks.AcquireAsync(Key(), Short(fencing: true) with { WaitTimeout = TimeSpan.FromSeconds(60) });
            lock (gate)
            {
                order.Add(lease.FencingToken);
            }
        })));

        Assert.Equal(order.OrderBy(t => t), order);
        Assert.Equal(12, order.Distinct().Count());
    }

    [Fact]
    public async Task Without_fencing_the_token_is_zero()
    {
        var a = await ConnectAsync();
        await using var lease = await a.Locks.AcquireAsync(Key());
        Assert.Equal(0, lease.FencingToken);
    }

    [Fact]
    public async Task A_stale_owner_cannot_release_or_extend_the_next_owners_lock()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        var stale = await a.Locks.AcquireAsync(Key(), Short(renew: false));
        await WaitForAsync("the first lease to expire", stale.LostToken);
        await using var current = await b.Locks.AcquireAsync(Key(), Short());

        Assert.False(await stale.ExtendAsync(TimeSpan.FromSeconds(30)));
        await stale.DisposeAsync();

        Assert.False(current.IsLost);
        Assert.Null(await c.Locks.TryAcquireAsync(Key()));
    }

    [Fact]
    public async Task Extend_after_release_returns_false_and_does_not_recreate_the_lock()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var lease = await a.Locks.AcquireAsync(Key());
        await lease.DisposeAsync();

        Assert.False(await lease.ExtendAsync());
        await using var other = await b.Locks.TryAcquireAsync(Key());
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Acquire_times_out_with_an_exception_naming_the_key_and_the_wait()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var held = await a.Locks.AcquireAsync(Key());
        var wait = TimeSpan.FromMilliseconds(250);

        var ex = await Assert.ThrowsAsync<LockTimeoutException>(() => b.Locks.AcquireAsync(Key(), new LockOptions { WaitTimeout = wait }).AsTask());

        Assert.Equal(Key(), ex.Key);
        Assert.True(ex.Waited >= wait * 0.9, $"Waited only {ex.Waited}.");
        Assert.Contains(Key(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("WaitTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_wait_throws_and_leaves_no_phantom_waiter()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        var held = await a.Locks.AcquireAsync(Key());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.Locks.AcquireAsync(Key(), new LockOptions { WaitTimeout = TimeSpan.FromSeconds(30) }, cancel.Token).AsTask());
        await held.DisposeAsync();

        await using var next = await c.Locks.AcquireAsync(Key(), new LockOptions { WaitTimeout = TimeSpan.FromSeconds(5) });
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Invalid_options_are_rejected_with_a_message_that_says_what_to_fix()
    {
        var a = await ConnectAsync();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => a.Locks.AcquireAsync(Key(), new LockOptions { Ttl = TimeSpan.Zero }).AsTask());
        Assert.Contains("Ttl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("positive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_released_before_its_MinHoldTime_stays_taken_until_then_and_no_longer()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var minHold = TimeSpan.FromMilliseconds(600);
        var watch = Stopwatch.StartNew();
        var lease = await a.Locks.AcquireAsync(Key(), new LockOptions { MinHoldTime = minHold, Ttl = TimeSpan.FromSeconds(30) });

        await lease.DisposeAsync();
        Assert.Null(await b.Locks.TryAcquireAsync(Key()));

        // Left to expire at the minimum hold, not at the 30 s TTL.
        await using var next = await b.Locks.AcquireAsync(Key(), new LockOptions { WaitTimeout = Patience });
        Assert.True(watch.Elapsed >= minHold - TimeSpan.FromMilliseconds(50), $"Taken again {watch.Elapsed} after the grant, before the minimum hold.");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Taken again only {watch.Elapsed} after the grant.");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
