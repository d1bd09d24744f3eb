using Locksmith.Testing;

namespace Locksmith.Tests.Weaving;

[Collection(GlobalRuntimeCollection.Name)]
public sealed class WovenSemaphoreTests
{
    [Fact]
    public async Task At_most_the_permitted_calls_run_at_once()
    {
        await using var context = new WovenTestContext();
        var inside = 0;
        var maxInside = 0;

        async Task Work()
        {
            var now = Interlocked.Increment(ref inside);
            int seen;
            while ((seen = Volatile.Read(ref maxInside)) < now && Interlocked.CompareExchange(ref maxInside, now, seen) != seen)
            {
            }

            await Task.Delay(10);
            Interlocked.Decrement(ref inside);
        }

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => context.Service.RenderAsync("pool-a", Work))));

        Assert.Equal(3, maxInside);
    }

    [Fact]
    public async Task The_key_template_gives_each_pool_its_own_permits()
    {
        await using var context = new WovenTestContext();
        var release = new TaskCompletionSource();
        var started = 0;

        var running = Enumerable.Range(0, 6)
            .Select(i => context.Service.RenderAsync(i % 2 == 0 ? "even" : "odd", async () =>
            {
                Interlocked.Increment(ref started);
                await release.Task;
            }))
            .ToList();
        await Eventually.UntilAsync(() => Volatile.Read(ref started) == 6, TimeSpan.FromSeconds(10), "all six calls to start", TimeSpan.FromMilliseconds(10));

        Assert.Null(await context.Semaphores.TryAcquireAsync("gpu:even", 3));
        release.SetResult();
        await Task.WhenAll(running);
        await using var free = await context.Semaphores.TryAcquireAsync("gpu:even", 3);
        Assert.NotNull(free);
    }

    [Fact]
    public async Task Without_a_key_the_semaphore_is_named_after_the_method()
    {
        await using var context = new WovenTestContext();
        var gate = new TaskCompletionSource();
        var first = context.Service.DefaultKeyedAsync(() => gate.Task);
        var second = context.Service.DefaultKeyedAsync(() => gate.Task);

        await Eventually.UntilAsync(
            async () => await context.Semaphores.TryAcquireAsync($"{typeof(StockService).FullName}.DefaultKeyedAsync", 2) is null,
            TimeSpan.FromSeconds(10),
            "both calls to hold the method's semaphore",
            TimeSpan.FromMilliseconds(10));
        gate.SetResult();
        await Task.WhenAll(first, second);
    }

    [Fact]
    public async Task Zero_permits_is_refused_naming_the_method()
    {
        await using var context = new WovenTestContext();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => context.Service.NoPermitsAsync());

        Assert.Contains("NoPermitsAsync", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at least 1", ex.Message, StringComparison.Ordinal);
    }
}
