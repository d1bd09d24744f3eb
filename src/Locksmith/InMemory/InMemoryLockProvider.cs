using Locksmith.Leasing;
using Microsoft.Extensions.Options;

namespace Locksmith.InMemory;

/// <summary>Locks and semaphores in this process's memory, with the full semantics of a networked backend.</summary>
internal sealed class InMemoryLockProvider : ILockProvider, ISemaphoreProvider, IAsyncDisposable, IDisposable
{
    private readonly InMemoryLockStore _store;
    private readonly LeaseClient _client;
    private readonly LockOptions _lockDefaults;
    private readonly LockOptions _tryLockDefaults;
    private readonly SemaphoreOptions _semaphoreDefaults;
    private readonly SemaphoreOptions _trySemaphoreDefaults;

    public InMemoryLockProvider(InMemoryLockStore store, LeaseClient client, IOptions<LocksmithOptions> options)
    {
        _store = store;
        _client = client;
        _lockDefaults = options.Value.Locks;
        _tryLockDefaults = _lockDefaults with { WaitTimeout = TimeSpan.Zero };
        _semaphoreDefaults = options.Value.Semaphores;
        _trySemaphoreDefaults = _semaphoreDefaults with { WaitTimeout = TimeSpan.Zero };
    }

    public InMemoryLockStore Store => _store;

    public async ValueTask<ILockLease> AcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        (await AcquireLockAsync(key, options ?? _lockDefaults, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ILockLease?> TryAcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await AcquireLockAsync(key, options ?? _tryLockDefaults, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public async ValueTask<ISemaphorePermit> AcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        (await AcquirePermitAsync(key, permits, options ?? _semaphoreDefaults, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ISemaphorePermit?> TryAcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        await AcquirePermitAsync(key, permits, options ?? _trySemaphoreDefaults, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    public void Dispose() => _client.Dispose();

    private ValueTask<InMemoryLease?> AcquireLockAsync(string key, LockOptions options, bool throwOnTimeout, CancellationToken cancellationToken)
    {
        LeaseAcquisition.Validate(key, options, nameof(LockOptions));
        return LeaseAcquisition.RunAsync(
            _client, LeaseKind.Lock, key, options, throwOnTimeout, (this, key, options, 1), static (s, ct) => s.Item1.AttemptAsync(LeaseKind.Lock, s.key, s.options, s.Item4, ct), cancellationToken);
    }

    private ValueTask<InMemoryLease?> AcquirePermitAsync(string key, int permits, SemaphoreOptions options, bool throwOnTimeout, CancellationToken cancellationToken)
    {
        LeaseAcquisition.Validate(key, options, nameof(SemaphoreOptions));
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        return LeaseAcquisition.RunAsync(
            _client, LeaseKind.Semaphore, key, options, throwOnTimeout, (this, key, options, permits), static (s, ct) => s.Item1.AttemptAsync(LeaseKind.Semaphore, s.key, s.options, s.permits, ct), cancellationToken);
    }

    private async ValueTask<InMemoryLease?> AttemptAsync(LeaseKind kind, string key, LeaseOptions options, int permits, CancellationToken cancellationToken)
    {
        var fencing = options is LockOptions { Fencing: true };
        var grant = await _store.AcquireAsync(kind, key, permits, options.Ttl, fencing, options.WaitTimeout, cancellationToken).ConfigureAwait(false);
        return grant is { } g ? new InMemoryLease(_store, _client, kind, key, options, g, permits) : null;
    }
}
