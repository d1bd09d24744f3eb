using Locksmith.Conformance;
using Locksmith.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Tests.Conformance;

/// <summary>The in-memory backend for the conformance suite: one shared store is the "server", each client its own container.</summary>
public sealed class InMemoryConformanceBackend : ConformanceBackend
{
    private readonly InMemoryLockStore _store = new(TimeProvider.System);
    private readonly InMemoryLeaderRecords _leaders = new(TimeProvider.System);
    private readonly InMemoryReaderWriterStore _readerWriterStore = new(TimeProvider.System);
    private readonly InMemoryRateLimitStore _rateLimits = new(TimeProvider.System);

    public override ValueTask<ConformanceClient> ConnectAsync(LocksmithOptions? defaults = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_store);
        services.AddSingleton<Locksmith.Backends.ILeaderRecordStore>(_leaders);
        services.AddSingleton(_readerWriterStore);
        services.AddSingleton(_rateLimits);
        services.AddLocksmith(b =>
        {
            b.UseInMemory();
            if (defaults is not null)
            {
                b.ConfigureDefaults(o => (o.Locks, o.Semaphores, o.Leadership) = (defaults.Locks, defaults.Semaphores, defaults.Leadership));
            }
        });
        var provider = services.BuildServiceProvider();
        return ValueTask.FromResult(new ConformanceClient(provider, provider.DisposeAsync));
    }

    public override ValueTask RevokeAsync(ILease lease)
    {
        var held = (InMemoryLease)lease;
        Assert.True(_store.Release(held.Kind, held.Key, held.Owner), "The lease to revoke was not held.");
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _store.Dispose();
        _readerWriterStore.Dispose();
        return base.DisposeAsync();
    }
}

public sealed class InMemoryLockConformanceTests : LockConformanceTests
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new InMemoryConformanceBackend());
}

public sealed class InMemorySemaphoreConformanceTests : SemaphoreConformanceTests
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new InMemoryConformanceBackend());
}

public sealed class InMemoryLeaderElectionConformanceTests : LeaderElectionConformanceTests
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new InMemoryConformanceBackend());
}

public sealed class InMemoryLockSetConformanceTests : LockSetConformanceTests
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new InMemoryConformanceBackend());
}

public sealed class InMemoryReaderWriterConformanceTests : ReaderWriterConformanceTests
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new InMemoryConformanceBackend());
}

public sealed class InMemoryRateLimiterConformanceTests : RateLimiterConformanceTests
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new InMemoryConformanceBackend());
}
