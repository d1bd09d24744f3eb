using Locksmith.Leasing;
using Microsoft.Extensions.Options;

namespace Locksmith.Backends;

/// <summary>
/// The front door of a backend's reader-writer locks: the three acquire methods, the configured lock defaults, argument
/// checks, trace spans, metrics and the timeout exception. A backend supplies only the wait for one lease in one mode.
/// </summary>
/// <remarks>
/// The <see cref="LeaseClient"/> is usually the one of the backend's lock provider, so one renewal loop serves every
/// lease of the process; this class does not dispose it.
/// </remarks>
/// <typeparam name="TLease">The backend's reader-writer lease.</typeparam>
public abstract class ReaderWriterLockProviderBase<TLease> : IReaderWriterLockProvider
    where TLease : ReaderWriterLeaseBase
{
    private readonly LockOptions _defaults;

    /// <summary>Takes the shared lease state and the configured defaults.</summary>
    /// <param name="client">The clock, logger and renewal loop of this provider's leases; not disposed by it.</param>
    /// <param name="defaults">The application's defaults (<see cref="LocksmithOptions.Locks"/>) for options left unset.</param>
    protected ReaderWriterLockProviderBase(LeaseClient client, IOptions<LocksmithOptions> defaults)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(defaults);
        Client = client;
        _defaults = defaults.Value.Locks;
    }

    /// <summary>The clock, logger and renewal loop every lease of this provider shares.</summary>
    public LeaseClient Client { get; }

    /// <inheritdoc/>
    public async ValueTask<IReadLockLease> AcquireReadAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.ReadLock, key, options, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<IWriteLockLease> AcquireWriteAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.WriteLock, key, options, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<IUpgradeableReadLease> AcquireUpgradeableReadAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunAsync(LeaseKind.UpgradeableReadLock, key, options, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Waits for one lease in <paramref name="kind"/>'s mode until granted (returned) or until the options' wait timeout
    /// (null). Arguments are already checked; the returned lease is started (renewed, its deadline watched) by the caller.
    /// </summary>
    /// <param name="kind">The mode: <see cref="LeaseKind.ReadLock"/>, <see cref="LeaseKind.WriteLock"/> or <see cref="LeaseKind.UpgradeableReadLock"/>.</param>
    /// <param name="key">The key, as the caller gave it.</param>
    /// <param name="options">The options, defaults applied.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The granted lease, or null when the wait timed out.</returns>
    protected abstract ValueTask<TLease?> WaitAsync(LeaseKind kind, string key, LockOptions options, CancellationToken cancellationToken);

    /// <summary>Checks options the backend cannot honour.</summary>
    /// <param name="kind">The mode wanted.</param>
    /// <param name="options">The options, defaults applied.</param>
    protected virtual void ValidateFor(LeaseKind kind, LockOptions options)
    {
    }

    private async ValueTask<TLease> RunAsync(LeaseKind kind, string key, LockOptions? options, CancellationToken cancellationToken)
    {
        options ??= _defaults;
        LeaseAcquisition.Validate(key, options, nameof(LockOptions));
        ValidateFor(kind, options);
        return (await LeaseAcquisition.RunAsync(
            Client, kind, key, options, throwOnTimeout: true, (this, kind, key, options),
            static (s, ct) => s.Item1.WaitAsync(s.kind, s.key, s.options, ct), cancellationToken).ConfigureAwait(false))!;
    }
}
