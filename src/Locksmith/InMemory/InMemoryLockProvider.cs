using Locksmith.Backends;
using Microsoft.Extensions.Options;

namespace Locksmith.InMemory;

/// <summary>Locks and semaphores in this process's memory, with the full semantics of a networked backend.</summary>
internal sealed class InMemoryLockProvider(InMemoryLockStore store, LeaseClient client, IOptions<LocksmithOptions> options)
    : LeaseProviderBase<InMemoryLease>(client, options)
{
    public InMemoryLockStore Store => store;

    protected override async ValueTask<InMemoryLease?> WaitAsync(LeaseKind kind, string key, LeaseOptions options, int permits, CancellationToken cancellationToken)
    {
        var fencing = options is LockOptions { Fencing: true };
        var grant = await store.AcquireAsync(kind, key, permits, options.Ttl, fencing, options.WaitTimeout, cancellationToken).ConfigureAwait(false);
        return grant is { } g ? new InMemoryLease(store, Client, kind, key, options, g, permits) : null;
    }
}
