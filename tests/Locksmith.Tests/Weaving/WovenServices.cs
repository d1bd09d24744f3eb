namespace Locksmith.Tests.Weaving;

/// <summary>Methods of every supported shape, each reporting whether its lock was held while its body ran.</summary>
public interface IStockService
{
    Task<int> ReserveAsync(string sku, int quantity);
}

public class StockService : IStockService
{
    public ILockProvider? Probe { get; set; }

    public List<string> Calls { get; } = [];

    public int MaxInside => _maxInside;

    public int Entries => _entries;

    private int _inside;
    private int _maxInside;
    private int _entries;

    [DistributedLock("hot:{sku}")]
    public async Task CriticalAsync(string sku)
    {
        var now = Interlocked.Increment(ref _inside);
        int seen;
        while ((seen = Volatile.Read(ref _maxInside)) < now && Interlocked.CompareExchange(ref _maxInside, now, seen) != seen)
        {
        }

        Interlocked.Increment(ref _entries);
        await Task.Delay(1);
        Interlocked.Decrement(ref _inside);
    }

    [DistributedLock("stock:{sku}")]
    public async Task<int> ReserveAsync(string sku, int quantity)
    {
        await Task.Yield();
        await AssertHeldAsync($"stock:{sku}");
        Calls.Add($"reserve {sku} {quantity}");
        return quantity;
    }

    [DistributedLock("stock:{sku}", WaitTimeout = "5s")]
    public async Task<int> ReserveTwiceAsync(string sku)
    {
        var first = await ReserveAsync(sku, 1);
        return first + CountSync(sku);
    }

    [DistributedLock("stock:{sku}")]
    public Task<Task> ReserveLaterAsync(string sku, Task gate) =>
        Task.FromResult(Task.Run(async () =>
        {
            await gate;
            await ReserveAsync(sku, 1);
        }));

    [DistributedLock("stock:{sku}")]
    public void ReserveSync(string sku)
    {
        AssertHeldAsync($"stock:{sku}").AsTask().GetAwaiter().GetResult();
        Calls.Add("sync " + sku);
    }

    [DistributedLock("stock:{sku}")]
    public int CountSync(string sku)
    {
        AssertHeldAsync($"stock:{sku}").AsTask().GetAwaiter().GetResult();
        return sku.Length;
    }

    [DistributedLock("stock:{sku}")]
    public async Task RestockAsync(string sku)
    {
        await Task.Delay(1);
        await AssertHeldAsync($"stock:{sku}");
        Calls.Add("restock " + sku);
    }

    [DistributedLock("stock:{sku}")]
    public async ValueTask AuditAsync(string sku)
    {
        await Task.Yield();
        await AssertHeldAsync($"stock:{sku}");
        Calls.Add("audit " + sku);
    }

    [DistributedLock("stock:{sku}")]
    public async ValueTask<string> LabelAsync(string sku)
    {
        await Task.Yield();
        await AssertHeldAsync($"stock:{sku}");
        return "label-" + sku;
    }

    [DistributedLock("stock:{sku}")]
    public virtual async Task<string> DescribeAsync(string sku)
    {
        await Task.Yield();
        await AssertHeldAsync($"stock:{sku}");
        return "base";
    }

    [DistributedLock("stock:{sku}")]
    public Task<int> ThrowsAsync(string sku) => throw new InvalidProgramException("boom " + sku);

    [DistributedLock("stock:{sku}")]
    public async Task<int> ThrowsLaterAsync(string sku)
    {
        await Task.Yield();
        throw new InvalidProgramException("later " + sku);
    }

    [DistributedLock("stock:{sku}")]
    public void ThrowsSync(string sku) => throw new InvalidProgramException("sync " + sku);

    [DistributedLock("order:{order.CustomerId}:{order.Id}", Ttl = "2s")]
    public async Task ShipAsync(Order order, CancellationToken cancellationToken)
    {
        await AssertHeldAsync($"order:{order.CustomerId}:{order.Id}");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [DistributedLock("order:{orderId}", WaitTimeout = "100ms")]
    public Task<int> WaitBrieflyAsync(int orderId) => Task.FromResult(orderId);

    [DistributedLock("order:{orderId}", WaitTimeout = "infinite")]
    public async Task WaitForeverAsync(int orderId, CancellationToken cancellationToken) => await Task.Yield();

    [DistributedLock("stock:{sku}", Fencing = true)]
    public Task<long> FencedAsync(string sku, CancellationToken cancellationToken) => Task.FromResult(0L);

    [DistributedLock("fixed-{sku}-{{literal}}")]
    public Task<string> BracesAsync(string sku) => Task.FromResult(sku);

    [DistributedLock("stock:{sku}", Ttl = "soon")]
    public Task BadTtlAsync(string sku) => Task.CompletedTask;

    [DistributedLock("stock:{product}")]
    public Task UnknownPlaceholderAsync(string sku) => Task.CompletedTask;

    [DistributedLock("stock:{order.Missing}")]
    public Task UnknownMemberAsync(Order order) => Task.CompletedTask;

    [DistributedLock("stock:{sku}")]
    public async void AsyncVoid(string sku) => await Task.Yield();

    [DistributedLock("stock:{sku}")]
    public System.Runtime.CompilerServices.ConfiguredTaskAwaitable OtherAwaitable(string sku) => Task.Delay(300).ConfigureAwait(false);

    [DistributedLock("price:{price}:{day:yyyy-MM-dd}")]
    public string PriceKey(double price, DateTime day) => "ok";

    [DistributedLock("global")]
    public static int StaticCount(ILockProvider probe)
    {
        if (probe.TryAcquireAsync("global").AsTask().GetAwaiter().GetResult() is { } lease)
        {
            lease.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidOperationException("The static method's lock was not held while it ran.");
        }

        return 7;
    }

    [Semaphore(3, Key = "gpu:{pool}")]
    public async Task<int> RenderAsync(string pool, Func<Task> work)
    {
        await work();
        return 1;
    }

    [Semaphore(2)]
    public async Task DefaultKeyedAsync(Func<Task> work) => await work();

    [Semaphore(0)]
    public Task NoPermitsAsync() => Task.CompletedTask;

    /// <summary>The lock must be held by somebody: a try-acquire from outside the call has to fail.</summary>
    private async ValueTask AssertHeldAsync(string key)
    {
        if (Probe is null)
        {
            return;
        }

        if (await Probe.TryAcquireAsync(key) is { } lease)
        {
            await lease.DisposeAsync();
            throw new InvalidOperationException($"The lock '{key}' was not held while the body ran.");
        }
    }
}

public sealed class DerivedStockService : StockService
{
    public override async Task<string> DescribeAsync(string sku) => "derived+" + await base.DescribeAsync(sku);
}

public sealed record Order(int Id, string? CustomerId);
