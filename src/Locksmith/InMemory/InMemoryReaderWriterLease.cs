using Locksmith.Backends;

namespace Locksmith.InMemory;

/// <summary>A reader-writer lease held in an <see cref="InMemoryReaderWriterStore"/>.</summary>
internal sealed class InMemoryReaderWriterLease(
    InMemoryReaderWriterStore store, LeaseClient client, LeaseKind kind, string key, LockOptions options, InMemoryReaderWriterStore.Grant grant)
    : ReaderWriterLeaseBase(client, kind, key, options, grant.GrantedAt, grant.FencingToken)
{
    /// <summary>The store's owner id; tests use it to revoke the lease behind the holder's back.</summary>
    public long Owner { get; } = grant.Owner;

    protected override ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken) =>
        ValueTask.FromResult(store.Extend(Kind, Key, Owner, ttl));

    protected override ValueTask ReleaseCoreAsync()
    {
        store.Release(Kind, Key, Owner);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask<long?> UpgradeCoreAsync(CancellationToken cancellationToken) =>
        store.UpgradeAsync(Key, Owner, Options.Ttl, Options.Fencing, Options.WaitTimeout, cancellationToken);
}
