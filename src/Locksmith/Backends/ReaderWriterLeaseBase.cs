using Locksmith.Diagnostics;

namespace Locksmith.Backends;

/// <summary>
/// The backend-independent half of a reader-writer lease in any of its three modes (<see cref="LeaseKind.ReadLock"/>,
/// <see cref="LeaseKind.WriteLock"/>, <see cref="LeaseKind.UpgradeableReadLock"/>): what <see cref="LeaseBase"/> does for
/// every lease, plus the upgrade's bookkeeping. A backend supplies owner-checked extend and release (which must cover
/// an upgraded lease's write hold too) and the upgrade's wait.
/// </summary>
public abstract class ReaderWriterLeaseBase : LeaseBase, IWriteLockLease, IUpgradeableReadLease
{
    private readonly LeaseClient _client;
    private int _upgrading;

    /// <summary>A reader-writer lease granted by the backend; see <see cref="LeaseBase"/> for the timing parameters.</summary>
    /// <param name="client">The provider's shared lease state.</param>
    /// <param name="kind">Which of the three modes it was taken in.</param>
    /// <param name="key">The key, as the caller gave it.</param>
    /// <param name="options">The options it was acquired with.</param>
    /// <param name="requestedAt">When the acquiring request was sent (a timestamp of <paramref name="client"/>'s clock).</param>
    /// <param name="fencingToken">The write lease's fencing token; 0 for reads and without fencing.</param>
    /// <param name="validityMargin">Time the backend cannot vouch for at the end of each TTL.</param>
    protected ReaderWriterLeaseBase(
        LeaseClient client, LeaseKind kind, string key, LockOptions options, long requestedAt, long fencingToken, TimeSpan validityMargin = default)
        : base(client, kind, key, options, requestedAt, validityMargin)
    {
        if (!kind.IsReaderWriter())
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A reader-writer lease is a ReadLock, WriteLock or UpgradeableReadLock.");
        }

        _client = client;
        FencingToken = fencingToken;
        IsUpgraded = kind == LeaseKind.WriteLock;
    }

    /// <inheritdoc/>
    public long FencingToken { get; private set; }

    /// <summary>Whether the lease holds the key for writing: a write lease, or an upgradeable read that was upgraded.</summary>
    public bool IsUpgraded { get; private set; }

    /// <summary>The options the lease was taken with.</summary>
    public new LockOptions Options => (LockOptions)base.Options;

    /// <inheritdoc/>
    public async ValueTask<IWriteLockLease> UpgradeAsync(CancellationToken cancellationToken = default)
    {
        if (Kind != LeaseKind.UpgradeableReadLock)
        {
            throw new InvalidOperationException(
                $"Only an upgradeable read lease can be upgraded; the {Kind.Name()} on '{Key}' cannot. Take it with AcquireUpgradeableReadAsync.");
        }

        if (IsUpgraded)
        {
            return this;
        }

        if (!IsHeld)
        {
            throw new InvalidOperationException(
                $"The upgradeable read lease on '{Key}' was {(IsLost ? "lost" : "released")}, so it cannot be upgraded. Take the write lock anew.");
        }

        if (Interlocked.Exchange(ref _upgrading, 1) == 1)
        {
            throw new InvalidOperationException($"The upgradeable read lease on '{Key}' is already being upgraded; await that call instead.");
        }

        try
        {
            var started = _client.Time.GetTimestamp();
            var token = await UpgradeCoreAsync(cancellationToken).ConfigureAwait(false);
            var waited = _client.Time.GetElapsedTime(started);
            if (token is not { } granted)
            {
                Log.UpgradeTimedOut(_client.Logger, Key, waited.TotalMilliseconds);
                throw new LockTimeoutException(Key, waited, "write lock (upgrading its read lock)");
            }

            FencingToken = granted;
            IsUpgraded = true;
            Log.Upgraded(_client.Logger, Key, waited.TotalMilliseconds);
            return this;
        }
        finally
        {
            Volatile.Write(ref _upgrading, 0);
        }
    }

    /// <summary>
    /// Waits, up to the lease's <see cref="LeaseOptions.WaitTimeout"/>, until no other reader holds the key, holding new
    /// readers back meanwhile, then holds the key for writing under this lease's owner, keeping the read throughout.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; the backend must then stop holding readers back.</param>
    /// <returns>The fencing token (0 without fencing) once upgraded, or null when the wait timed out (readers still in).</returns>
    protected abstract ValueTask<long?> UpgradeCoreAsync(CancellationToken cancellationToken);
}
