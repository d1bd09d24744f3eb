using System.Diagnostics;
using Xunit;

namespace Locksmith.Conformance;

/// <summary>The reader-writer lock behaviour every backend that offers it must have. Subclass once per backend.</summary>
public abstract class ReaderWriterConformanceTests : ConformanceTestBase
{
    private static LockOptions NoWait => new() { WaitTimeout = TimeSpan.Zero };

    private static LockOptions Waiting => new() { WaitTimeout = Patience };

    [Fact]
    public async Task Many_readers_hold_the_key_together()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        var readers = new List<IReadLockLease>();
        for (var i = 0; i < 6; i++)
        {
            readers.Add(await clients[i % 3].ReaderWriterLocks.AcquireReadAsync(Key(), NoWait));
        }

        await using var upgradeable = await clients[0].ReaderWriterLocks.AcquireUpgradeableReadAsync(Key(), NoWait);
        Assert.All(readers, r => Assert.False(r.IsLost));
        foreach (var reader in readers)
        {
            await reader.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_writer_excludes_readers_and_other_writers_until_it_releases()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var writer = await a.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait);

        await Assert.ThrowsAsync<LockTimeoutException>(async () => await b.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait));
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await b.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait));
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await b.ReaderWriterLocks.AcquireUpgradeableReadAsync(Key(), NoWait));
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await a.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait));

        await writer.DisposeAsync();
        await using var reader = await b.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait);
    }

    [Fact]
    public async Task Readers_keep_a_writer_out_until_the_last_one_leaves()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        var first = await a.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait);
        var second = await b.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait);
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait));

        await first.DisposeAsync();
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait));

        await second.DisposeAsync();
        await using var writer = await c.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait);
    }

    [Fact]
    public async Task A_waiting_writer_holds_new_readers_back()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        var reader = await a.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait);
        var writing = b.ReaderWriterLocks.AcquireWriteAsync(Key(), Waiting).AsTask();
        await Task.Delay(200);
        Assert.False(writing.IsCompleted);

        // Without the writer's intent this reader would join the first one, and so would every later one.
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait));
        var lateReader = c.ReaderWriterLocks.AcquireReadAsync(Key(), Waiting).AsTask();

        await reader.DisposeAsync();
        var writer = await writing.WaitAsync(Patience);
        await Task.Delay(100);
        Assert.False(lateReader.IsCompleted, "A reader got in beside the writer.");

        await writer.DisposeAsync();
        await using var late = await lateReader.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_steady_stream_of_readers_does_not_starve_a_writer()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        using var stop = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            // Overlapping readers: one arrives every 40 ms and stays 150 ms, so without writer preference the key never
            // has zero readers for as long as the stream lasts (4 s).
            var readers = new List<Task>();
            var streaming = Stopwatch.StartNew();
            for (var i = 0; !stop.IsCancellationRequested && streaming.Elapsed < TimeSpan.FromSeconds(4); i++)
            {
                var client = clients[i % 2];
                readers.Add(Task.Run(async () =>
                {
                    try
                    {
                        await using var reader = await client.ReaderWriterLocks.AcquireReadAsync(Key(nameof(A_steady_stream_of_readers_does_not_starve_a_writer)), Waiting, stop.Token);
                        await Task.Delay(150);
                    }
                    catch (OperationCanceledException)
                    {
                        // The stream ended while this reader waited.
                    }
                }));
                await Task.Delay(40);
            }

            await Task.WhenAll(readers);
        });

        await Task.Delay(300);
        var waited = Stopwatch.StartNew();
        await using (var writer = await clients[2].ReaderWriterLocks.AcquireWriteAsync(Key(), Waiting))
        {
            waited.Stop();
        }

        await stop.CancelAsync();
        await stream;
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2.5), $"The writer waited {waited.Elapsed} behind a stream of readers.");
    }

    [Fact]
    public async Task A_reader_that_stops_renewing_expires_alone_while_another_keeps_renewing()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        var ttl = Backend.ShortTtl;
        _ = await a.ReaderWriterLocks.AcquireReadAsync(Key(), new LockOptions { Ttl = ttl });
        await a.CrashAsync();

        // The live reader's renewals run every second of its 3 s TTL: a backend that expired readers together would keep
        // the crashed one for as long as those renewals go on, and for 2 s or more after the live one leaves.
        var live = await b.ReaderWriterLocks.AcquireReadAsync(Key(), new LockOptions { Ttl = ttl * 3 });
        var writing = c.ReaderWriterLocks.AcquireWriteAsync(Key(), Waiting).AsTask();
        await Task.Delay(ttl * 1.5);
        Assert.False(writing.IsCompleted, "The writer got in while a live reader held the key.");

        var released = Stopwatch.StartNew();
        await live.DisposeAsync();
        await using var writer = await writing.WaitAsync(Patience);

        Assert.True(released.Elapsed < ttl * 0.75, $"The writer got in {released.Elapsed} after the last live reader left; the crashed reader outlived its own TTL.");
    }

    [Fact]
    public async Task A_crashed_reader_lets_a_writer_in_after_its_ttl_and_not_before()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var ttl = Backend.ShortTtl;
        var taken = Stopwatch.StartNew();
        _ = await a.ReaderWriterLocks.AcquireReadAsync(Key(), new LockOptions { Ttl = ttl });
        await a.CrashAsync();

        await using var writer = await b.ReaderWriterLocks.AcquireWriteAsync(Key(), Waiting);

        Assert.True(taken.Elapsed >= ttl * 0.9, $"The writer got in after {taken.Elapsed}, before the crashed reader's TTL of {ttl}.");
        Assert.True(taken.Elapsed < ttl + Patience);
    }

    [Fact]
    public async Task Release_wakes_waiters_by_notice_not_by_a_later_look()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        var reader = await a.ReaderWriterLocks.AcquireReadAsync(Key(), new LockOptions { Ttl = TimeSpan.FromSeconds(60) });
        var writing = b.ReaderWriterLocks.AcquireWriteAsync(Key(), Waiting).AsTask();
        await Task.Delay(150);

        var released = Stopwatch.StartNew();
        await reader.DisposeAsync();
        var writer = await writing.WaitAsync(Patience);
        var writerWoken = released.Elapsed;

        var reading = c.ReaderWriterLocks.AcquireReadAsync(Key(), Waiting).AsTask();
        await Task.Delay(150);
        released.Restart();
        await writer.DisposeAsync();
        await using var next = await reading.WaitAsync(Patience);
        var readerWoken = released.Elapsed;

        // A waiter that only looked again on its own would take half a re-check interval (500 ms) at the least.
        Assert.True(writerWoken < TimeSpan.FromMilliseconds(450), $"The writer took {writerWoken} after the read was released.");
        Assert.True(readerWoken < TimeSpan.FromMilliseconds(450), $"The reader took {readerWoken} after the write was released.");
    }

    [Fact]
    public async Task An_upgrade_waits_for_the_readers_in_holds_new_ones_back_and_keeps_its_read()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        await using var upgradeable = await a.ReaderWriterLocks.AcquireUpgradeableReadAsync(Key(), new LockOptions { Fencing = true, WaitTimeout = Patience });
        var reader = await b.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait);
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireUpgradeableReadAsync(Key(), NoWait));
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait));

        var upgrading = upgradeable.UpgradeAsync().AsTask();
        await Task.Delay(150);
        Assert.False(upgrading.IsCompleted, "The upgrade completed while another reader held the key.");
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait));

        await reader.DisposeAsync();
        var writer = await upgrading.WaitAsync(Patience);

        Assert.Same(upgradeable, writer);
        Assert.True(upgradeable.IsUpgraded);
        Assert.True(writer.FencingToken > 0);
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait));
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait));

        await upgradeable.DisposeAsync();
        await using var next = await c.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait);
    }

    [Fact]
    public async Task An_upgrade_that_times_out_keeps_the_read_and_lets_readers_in_again()
    {
        var (a, b, c) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        await using var upgradeable = await a.ReaderWriterLocks.AcquireUpgradeableReadAsync(Key(), new LockOptions { WaitTimeout = TimeSpan.FromMilliseconds(300) });
        await using var reader = await b.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait);

        await Assert.ThrowsAsync<LockTimeoutException>(async () => await upgradeable.UpgradeAsync());

        Assert.False(upgradeable.IsUpgraded);
        Assert.False(upgradeable.IsLost);
        await using var another = await c.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait);
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await c.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait));
    }

    [Fact]
    public async Task Upgraded_lease_is_renewed_past_its_ttl_as_a_writer()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var upgradeable = await a.ReaderWriterLocks.AcquireUpgradeableReadAsync(Key(), new LockOptions { Ttl = Backend.ShortTtl });
        await upgradeable.UpgradeAsync();

        await Task.Delay(Backend.ShortTtl * 1.5);

        Assert.False(upgradeable.IsLost);
        await Assert.ThrowsAsync<LockTimeoutException>(async () => await b.ReaderWriterLocks.AcquireReadAsync(Key(), NoWait));
    }

    [Fact]
    public async Task Write_fencing_tokens_rise_across_writers_and_upgrades()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var fenced = new LockOptions { Fencing = true, WaitTimeout = TimeSpan.Zero };
        var tokens = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            await using var writer = await (i % 2 == 0 ? a : b).ReaderWriterLocks.AcquireWriteAsync(Key(), fenced);
            tokens.Add(writer.FencingToken);
        }

        await using (var upgradeable = await a.ReaderWriterLocks.AcquireUpgradeableReadAsync(Key(), fenced))
        {
            tokens.Add((await upgradeable.UpgradeAsync()).FencingToken);
        }

        Assert.All(tokens.Zip(tokens.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
        Assert.True(tokens[0] > 0);
        await using var unfenced = await a.ReaderWriterLocks.AcquireWriteAsync(Key(), NoWait);
        Assert.Equal(0, unfenced.FencingToken);
    }

    [Fact]
    public async Task Readers_and_writers_never_overlap_under_contention()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        var readers = 0;
        var writers = 0;
        var violations = 0;
        var maxReaders = 0;
        var options = new LockOptions { WaitTimeout = TimeSpan.FromSeconds(30) };
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var rw = clients[i % 3].ReaderWriterLocks;
            if (i % 4 == 0)
            {
                await using var writer = await rw.AcquireWriteAsync(Key(nameof(Readers_and_writers_never_overlap_under_contention)), options);
                if (Interlocked.Increment(ref writers) != 1 || Volatile.Read(ref readers) != 0)
                {
                    Interlocked.Increment(ref violations);
                }

                await Task.Delay(5);
                Interlocked.Decrement(ref writers);
            }
            else
            {
                await using var reader = await rw.AcquireReadAsync(Key(nameof(Readers_and_writers_never_overlap_under_contention)), options);
                var now = Interlocked.Increment(ref readers);
                if (Volatile.Read(ref writers) != 0)
                {
                    Interlocked.Increment(ref violations);
                }

                int seen;
                while ((seen = Volatile.Read(ref maxReaders)) < now && Interlocked.CompareExchange(ref maxReaders, now, seen) != seen)
                {
                }

                await Task.Delay(20);
                Interlocked.Decrement(ref readers);
            }
        })));

        Assert.Equal(0, violations);
        Assert.True(maxReaders > 1, "Readers never held the key together.");
    }
}
