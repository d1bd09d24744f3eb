using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Tests.Weaving;

/// <summary>A container with the in-memory backend, activated for the current async flow only so tests run in parallel.</summary>
public sealed class WovenTestContext : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IDisposable _scope;

    public WovenTestContext(Action<LocksmithBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLocksmith(b => configure?.Invoke(b.UseInMemory()));
        _provider = services.BuildServiceProvider();
        Runtime = _provider.GetRequiredService<LocksmithRuntime>();
        _scope = Runtime.ActivateForCurrentFlow();
        Locks = _provider.GetRequiredService<ILockProvider>();
        Semaphores = _provider.GetRequiredService<ISemaphoreProvider>();
        Service = new StockService { Probe = Locks };
    }

    public LocksmithRuntime Runtime { get; }

    public ILockProvider Locks { get; }

    public ISemaphoreProvider Semaphores { get; }

    public StockService Service { get; }

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        await _provider.DisposeAsync();
    }

    /// <summary>Asserts the lock on <paramref name="key"/> is free now (the woven call released it).</summary>
    public async Task AssertFreeAsync(string key)
    {
        var lease = await Locks.TryAcquireAsync(key);
        Assert.True(lease is not null, $"The lock '{key}' was still held after the call returned.");
        await lease.DisposeAsync();
    }
}
