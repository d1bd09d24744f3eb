using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Tests.Weaving;

[Collection(GlobalRuntimeCollection.Name)]
public sealed class WovenReaderWriterTests
{
    private readonly CatalogService _catalog = new();

    [Fact]
    public async Task Readers_run_together_and_a_writer_runs_alone()
    {
        await using var context = new WovenTestContext();
        var gate = new TaskCompletionSource();
        var reading = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => _catalog.ReadAsync(7, async () =>
        {
            Interlocked.Increment(ref reading);
            await gate.Task;
        })).ToList();
        await Eventually.UntilAsync(() => Volatile.Read(ref reading) == 3, TimeSpan.FromSeconds(5), "three readers inside at once", TimeSpan.FromMilliseconds(10));

        var wrote = false;
        var writer = _catalog.WriteAsync(7, () =>
        {
            wrote = true;
            Assert.Equal(3, Volatile.Read(ref reading));
            return Task.CompletedTask;
        });
        await Task.Delay(100);
        Assert.False(wrote, "The writer ran while readers were inside.");

        gate.SetResult();
        await Task.WhenAll(readers);
        await writer;
        Assert.True(wrote);
    }

    [Fact]
    public async Task The_write_holder_may_read_the_same_key_without_waiting()
    {
        await using var context = new WovenTestContext();

        Assert.Equal(7, await _catalog.WriteThenReadAsync(7));
    }

    [Fact]
    public async Task Asking_for_the_write_lock_while_holding_the_read_lock_in_one_flow_throws_instead_of_deadlocking()
    {
        await using var context = new WovenTestContext();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _catalog.ReadThenWriteAsync(7));

        Assert.Contains("already holds its read lock", error.Message, StringComparison.Ordinal);
        Assert.Contains("AcquireUpgradeableReadAsync", error.Message, StringComparison.Ordinal);
        await _catalog.ReadOtherThenWriteAsync(8, 7);
        var rw = context.Runtime.Services.GetRequiredService<IReaderWriterLockProvider>();
        await using var free = await rw.AcquireWriteAsync("catalog:7", new LockOptions { WaitTimeout = TimeSpan.Zero });
    }
}
