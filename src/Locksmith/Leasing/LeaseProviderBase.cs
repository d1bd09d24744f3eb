using Microsoft.Extensions.Options;

namespace Locksmith.Leasing;

/// <summary>
/// The front door every lease backend shares: the four public acquire methods, the configured defaults (a try waits for
/// nothing unless told to), argument checks, and disposal of the renewal loop. A backend supplies only the wait for one
/// lease, and may refuse options it cannot honour.
/// </summary>
/// <typeparam name="TLease">The backend's lease, which serves as a lock lease and as a semaphore permit.</typeparam>
internal abstract class LeaseProviderBase<TLease> : ILockProvider, ISemaphoreProvider, IAsyncDisposable, IDisposable
    where TLease : LeaseBase, ILockLease, ISemaphorePermit
{
    private readonly LockOptions _lockDefaults;
    private readonly LockOptions _tryLockDefaults;
    private readonly SemaphoreOptions _semaphoreDefaults;
    private readonly SemaphoreOptions _trySemaphoreDefaults;

    protected LeaseProviderBase(LeaseClient client, IOptions<LocksmithOptions> defaults)
    {
        Client = client;
        _lockDefaults = defaults.Value.Locks;
        _tryLockDefaults = _lockDefaults with { WaitTimeout = TimeSpan.Zero };
        _semaphoreDefaults = defaults.Value.Semaphores;
        _trySemaphoreDefaults = _semaphoreDefaults with { WaitTimeout = TimeSpan.Zero };
    }

    /// <summary>The clock, logger and renewal loop every lease of this provider shares.</summary>
    public LeaseClient Client { get; }

    public async ValueTask<ILockLease> AcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Lock, key, options ?? _lockDefaults, 1, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ILockLease?> TryAcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Lock, key, options ?? _tryLockDefaults, 1, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public async ValueTask<ISemaphorePermit> AcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Semaphore, key, options ?? _semaphoreDefaults, permits, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<ISemaphorePermit?> TryAcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Semaphore, key, options ?? _trySemaphoreDefaults, permits, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    public void Dispose() => Client.Dispose();

    /// <summary>Waits for one lease until granted (returned) or until the options' wait timeout (null).</summary>
    protected abstract ValueTask<TLease?> WaitAsync(LeaseKind kind, string key, LeaseOptions options, int permits, CancellationToken cancellationToken);

    /// <summary>Checks options the backend cannot honour (for example a TTL shorter than Redlock's drift allowance).</summary>
    protected virtual void ValidateFor(LeaseKind kind, LeaseOptions options, int permits)
    {
    }

    private ValueTask<TLease?> RunAsync(LeaseKind kind, string key, LeaseOptions options, int permits, bool throwOnTimeout, CancellationToken cancellationToken)
    {
        LeaseAcquisition.Validate(key, options, kind == LeaseKind.Lock ? nameof(LockOptions) : nameof(SemaphoreOptions));
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ValidateFor(kind, options, permits);
        return LeaseAcquisition.RunAsync(
            Client, kind, key, options, throwOnTimeout, (this, kind, key, options, permits),
            static (s, ct) => s.Item1.WaitAsync(s.kind, s.key, s.options, s.permits, ct), cancellationToken);
    }
}
