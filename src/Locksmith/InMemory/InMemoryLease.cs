using Locksmith.Backends;

namespace Locksmith.InMemory;

/// <summary>A lock lease or semaphore permit held in an <see cref="InMemoryLockStore"/>.</summary>
internal sealed class InMemoryLease : LeaseBase, ILockLease, ISemaphorePermit
{
    private readonly InMemoryLockStore _store;

    public InMemoryLease(
        InMemoryLockStore store, LeaseClient client, LeaseKind kind, string key, LeaseOptions options, InMemoryLockStore.Grant grant, int permits)
        : base(client, kind, key, options, grant.GrantedAt)
    {
        _store = store;
        Owner = grant.Owner;
        FencingToken = grant.FencingToken;
        Permits = permits;
    }

    /// <summary>The store's owner id; tests use it to revoke the lease behind the holder's back.</summary>
    public long Owner { get; }

    public long FencingToken { get; }

    public int Permits { get; }

    protected override ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_store.Extend(Kind, Key, Owner, ttl));

    protected override ValueTask ReleaseCoreAsync()
    {
        _store.Release(Kind, Key, Owner);
        return ValueTask.CompletedTask;
    }
}
