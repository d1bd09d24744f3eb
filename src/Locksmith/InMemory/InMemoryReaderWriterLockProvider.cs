using Locksmith.Backends;
using Microsoft.Extensions.Options;

namespace Locksmith.InMemory;

/// <summary>Reader-writer locks in this process's memory; shares its lease client (one renewal loop) with the lock provider.</summary>
internal sealed class InMemoryReaderWriterLockProvider(InMemoryReaderWriterStore store, LeaseClient client, IOptions<LocksmithOptions> options)
    : ReaderWriterLockProviderBase<InMemoryReaderWriterLease>(client, options)
{
    public InMemoryReaderWriterStore Store => store;

    protected override async ValueTask<InMemoryReaderWriterLease?> WaitAsync(LeaseKind kind, string key, LockOptions options, CancellationToken cancellationToken)
    {
        var grant = await store.AcquireAsync(kind, key, options.Ttl, options.Fencing, options.WaitTimeout, cancellationToken).ConfigureAwait(false);
        return grant is { } g ? new InMemoryReaderWriterLease(store, Client, kind, key, options, g) : null;
    }
}
