using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Benchmarks;

/// <summary>
/// What weaving costs: the same uncontended lock around the same trivial body, once through the attribute and once
/// written by hand against <see cref="ILockProvider"/>, on the in-memory backend (so the backend's own cost is equal).
/// </summary>
[MemoryDiagnoser]
public class WeavingBenchmarks
{
    private ServiceProvider _services = null!;
    private ILockProvider _locks = null!;
    private Inventory _inventory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddLocksmith().BuildServiceProvider();
        _services.ActivateLocksmith();
        _locks = _services.GetRequiredService<ILockProvider>();
        _inventory = new Inventory(_locks);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "hand-written Task<int>(string, int)")]
    public Task<int> HandWrittenAsync() => _inventory.ReserveByHandAsync("ABC-1", 1);

    [Benchmark(Description = "woven Task<int>(string, int)")]
    public Task<int> WovenAsync() => _inventory.ReserveAsync("ABC-1", 1);

    [Benchmark(Description = "hand-written Task<int>(string)")]
    public Task<int> HandWrittenStringOnlyAsync() => _inventory.CountByHandAsync("ABC-1");

    [Benchmark(Description = "woven Task<int>(string)")]
    public Task<int> WovenStringOnlyAsync() => _inventory.CountAsync("ABC-1");

    [Benchmark(Description = "hand-written int(string), sync")]
    public int HandWrittenSync() => _inventory.PeekByHand("ABC-1");

    [Benchmark(Description = "woven int(string), sync")]
    public int WovenSync() => _inventory.Peek("ABC-1");
}

/// <summary>The benchmarked service: each woven method has a hand-written twin doing the same work.</summary>
public class Inventory(ILockProvider locks)
{
    [DistributedLock("stock:{sku}")]
    public Task<int> ReserveAsync(string sku, int quantity) => Task.FromResult(quantity);

    public async Task<int> ReserveByHandAsync(string sku, int quantity)
    {
        await using var lease = await locks.AcquireAsync("stock:" + sku).ConfigureAwait(false);
        return await Task.FromResult(quantity).ConfigureAwait(false);
    }

    [DistributedLock("stock:{sku}")]
    public Task<int> CountAsync(string sku) => Task.FromResult(1);

    public async Task<int> CountByHandAsync(string sku)
    {
        await using var lease = await locks.AcquireAsync("stock:" + sku).ConfigureAwait(false);
        return await Task.FromResult(1).ConfigureAwait(false);
    }

    [DistributedLock("stock:{sku}")]
    public int Peek(string sku) => sku.Length;

    public int PeekByHand(string sku)
    {
        var acquiring = locks.AcquireAsync("stock:" + sku);
        var lease = acquiring.IsCompletedSuccessfully ? acquiring.Result : acquiring.AsTask().GetAwaiter().GetResult();
        try
        {
            return sku.Length;
        }
        finally
        {
            var releasing = lease.DisposeAsync();
            if (!releasing.IsCompletedSuccessfully)
            {
                releasing.AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
