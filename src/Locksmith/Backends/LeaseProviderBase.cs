using Locksmith.Leasing;
using Microsoft.Extensions.Options;

namespace Locksmith.Backends;

/// <summary>
/// The front door every lease backend shares: the four public acquire methods, the configured defaults (a try waits for
/// nothing unless told to), argument checks, and disposal of the renewal loop. A backend supplies only the wait for one
/// lease, and may refuse options it cannot honour.
/// </summary>
/// <typeparam name="TLease">The backend's lease, which serves as a lock lease and as a semaphore permit.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads are ILockProvider's and ISemaphoreProvider's, told apart by the permits parameter; callers through either interface see one each.")]
public abstract class LeaseProviderBase<TLease> : ILockProvider, ISemaphoreProvider, IAsyncDisposable, IDisposable
    where TLease : LeaseBase, ILockLease, ISemaphorePermit
{
    private readonly LockOptions _lockDefaults;
    private readonly LockOptions _tryLockDefaults;
    private readonly SemaphoreOptions _semaphoreDefaults;
    private readonly SemaphoreOptions _trySemaphoreDefaults;

    /// <summary>Takes the shared lease state and the configured defaults.</summary>
    /// <param name="client">The clock, logger and renewal loop of this provider's leases; disposed with the provider.</param>
    /// <param name="defaults">The application's defaults for options left unset.</param>
    protected LeaseProviderBase(LeaseClient client, IOptions<LocksmithOptions> defaults)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(defaults);
        Client = client;
        _lockDefaults = defaults.Value.Locks;
        _tryLockDefaults = _lockDefaults with { WaitTimeout = TimeSpan.Zero };
        _semaphoreDefaults = defaults.Value.Semaphores;
        _trySemaphoreDefaults = _semaphoreDefaults with { WaitTimeout = TimeSpan.Zero };
    }

    /// <summary>The clock, logger and renewal loop every lease of this provider shares.</summary>
    public LeaseClient Client { get; }

    /// <inheritdoc/>
    public async ValueTask<ILockLease> AcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Lock, key, options ?? _lockDefaults, 1, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc/>
    public async ValueTask<ILockLease?> TryAcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Lock, key, options ?? _tryLockDefaults, 1, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask<ILockLeaseSet> AcquireAllAsync(IEnumerable<string> keys, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        Locks.LockLeaseSet.AcquireAsync(this, Locks.LockLeaseSet.Order(keys), options ?? _lockDefaults, Client.Time, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<ISemaphorePermit> AcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(LeaseKind.Semaphore, key, options ?? _semaphoreDefaults, permits, throwOnTimeout: true, cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc/>
    public async ValueTask<ISemaphorePermit?> TryAcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.Semaphore, key, options ?? _trySemaphoreDefaults, permits, throwOnTimeout: false, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Client.DisposeAsync();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Client.Dispose();
    }

    /// <summary>
    /// Waits for one lease until granted (returned) or until the options' wait timeout (null). Arguments are already
    /// checked; the returned lease is started (renewed, its deadline watched) by the caller.
    /// </summary>
    /// <param name="kind">Whether a lock or a semaphore permit is wanted.</param>
    /// <param name="key">The key, as the caller gave it.</param>
    /// <param name="options">The options, defaults applied.</param>
    /// <param name="permits">The semaphore's limit (1 for a lock).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The granted lease, or null when the wait timed out.</returns>
    protected abstract ValueTask<TLease?> WaitAsync(LeaseKind kind, string key, LeaseOptions options, int permits, CancellationToken cancellationToken);

    /// <summary>Checks options the backend cannot honour (for example a TTL shorter than Redlock's drift allowance).</summary>
    /// <param name="kind">Whether a lock or a semaphore permit is wanted.</param>
    /// <param name="options">The options, defaults applied.</param>
    /// <param name="permits">The semaphore's limit (1 for a lock).</param>
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
