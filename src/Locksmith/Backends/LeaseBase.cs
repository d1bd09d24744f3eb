using Locksmith.Diagnostics;

namespace Locksmith.Backends;

/// <summary>
/// The backend-independent half of a lease: state (held, released, lost), the lost token, local expiry tracking,
/// renewal scheduling and metrics. A backend supplies only the owner-checked extend and release.
/// </summary>
public abstract class LeaseBase : ILease
{
    private const int Held = 0;
    private const int Released = 1;
    private const int Lost = 2;

    private readonly LeaseClient _client;
    private readonly long _grantedAt;
    private readonly TimeSpan _validityMargin;
    private readonly long _lostMargin;
    private CancellationTokenSource? _lostSource;
    private int _state;
    private int _deadlineWatched;

    // Conservative local deadline: the start of the last successful acquire or extend plus its TTL. The backend's own
    // expiry can only be later, so trusting the lease until this moment never overlaps another holder.
    private long _expiresAt;

    /// <summary>A lease granted by the backend, trusted from <paramref name="requestedAt"/> for its TTL less <paramref name="validityMargin"/>.</summary>
    /// <param name="client">The provider's shared lease state.</param>
    /// <param name="kind">Whether this is a lock or a semaphore permit.</param>
    /// <param name="key">The key, as the caller gave it.</param>
    /// <param name="options">The options it was acquired with.</param>
    /// <param name="requestedAt">
    /// When the acquiring request was sent (a timestamp of <paramref name="client"/>'s clock): the TTL counts from then,
    /// not from the reply, so a slow reply shortens the time the lease is trusted instead of extending it.
    /// </param>
    /// <param name="validityMargin">
    /// Time the backend cannot vouch for at the end of each TTL, such as Redlock's allowance for clock drift between its
    /// servers; the lease is trusted until the TTL minus this margin.
    /// </param>
    protected LeaseBase(LeaseClient client, LeaseKind kind, string key, LeaseOptions options, long requestedAt, TimeSpan validityMargin = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        Kind = kind;
        Key = key;
        Options = options;
        _grantedAt = client.Time.GetTimestamp();
        _validityMargin = validityMargin;
        _lostMargin = client.After(0, LeaseDeadline.LostMargin(options.Ttl - validityMargin));
        _expiresAt = client.After(requestedAt, options.Ttl - validityMargin);
    }

    /// <inheritdoc/>
    public string Key { get; }

    /// <summary>Whether this is a lock or a semaphore permit.</summary>
    public LeaseKind Kind { get; }

    /// <summary>The options it was acquired with.</summary>
    public LeaseOptions Options { get; }

    /// <inheritdoc/>
    public bool IsLost => Volatile.Read(ref _state) == Lost;

    /// <summary>Whether the lease is still trusted: neither released nor lost.</summary>
    public bool IsHeld => Volatile.Read(ref _state) == Held;

    /// <inheritdoc />
    public TimeSpan TimeLeft => IsHeld ? _client.Until(LostAt) : TimeSpan.Zero;

    /// <summary>
    /// The local deadline (a timestamp of the client's clock): the start of the last successful acquire or extend plus its
    /// TTL less the validity margin. The backend's own expiry can only be later.
    /// </summary>
    public long ExpiresAt => Volatile.Read(ref _expiresAt);

    /// <inheritdoc/>
    public CancellationToken LostToken
    {
        get
        {
            // Created on first use: most leases are never asked, and the token is the one allocation worth skipping.
            if (_lostSource is null)
            {
                var source = new CancellationTokenSource();
                if (Interlocked.CompareExchange(ref _lostSource, source, null) is null && IsLost)
                {
                    source.Cancel();
                }
            }

            return _lostSource.Token;
        }
    }

    /// <summary>
    /// When <see cref="LostToken"/> fires unless a renewal moves the deadline first: a little before
    /// <see cref="ExpiresAt"/>, because timers run late and the signal must beat the backend's expiry.
    /// </summary>
    public long LostAt => ExpiresAt - _lostMargin;

    /// <summary>
    /// Whether the grant came back too late to be trusted: its reply took so long (a slow network, a stalled socket) that
    /// the local deadline, counted from when the request was sent, has passed, and another holder may already be in.
    /// </summary>
    public bool GrantedTooLate => _client.Time.GetTimestamp() >= LostAt;

    /// <summary>
    /// Called by the provider once the grant is final: starts renewal, or (without renewal) the watch of the deadline. A
    /// renewing lease's deadline is watched from its first renewal on when that renewal is due before it: until then
    /// nothing is in flight that could outlast it, and a short lease costs no more than one entry in the renewal loop. A
    /// grant whose reply came late may have less time left than a renewal interval; its deadline is watched at once.
    /// </summary>
    internal void Start()
    {
        if (Options.Renew)
        {
            var due = NextRenewalDue();
            _client.Renewals.Track(this, due);
            if (due >= LostAt)
            {
                _client.Renewals.WatchDeadline(this);
            }
        }
        else
        {
            _client.Renewals.WatchDeadline(this);
        }
    }

    /// <summary>Claims the lease's one place in the deadline watch; false when it already has one.</summary>
    internal bool ClaimDeadlineWatch() => Interlocked.Exchange(ref _deadlineWatched, 1) == 0;

    /// <summary>
    /// The deadline watch came due (up to <paramref name="early"/> ahead): the lease is lost unless a renewal moved the
    /// deadline since, in which case it is watched again at the new one.
    /// </summary>
    internal void OnDeadline(TimeSpan early)
    {
        Volatile.Write(ref _deadlineWatched, 0);
        if (!IsHeld)
        {
            return;
        }

        if (_client.After(_client.Time.GetTimestamp(), early) < LostAt)
        {
            try
            {
                _client.Renewals.WatchDeadline(this);
            }
            catch (ObjectDisposedException)
            {
                // The client is shutting down: nothing watches its leases any more, and they expire on the backend.
            }

            return;
        }

        MarkLost(Options.Renew
            ? "no renewal succeeded before its local deadline (the TTL less the drift allowance, counted from the last successful renewal's start)"
            : "its time to live passed and renewal is off");
    }

    /// <inheritdoc/>
    public async ValueTask<bool> ExtendAsync(TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        var span = ttl ?? Options.Ttl;
        if (span <= TimeSpan.Zero || span == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), span, "The time to live must be positive and finite.");
        }

        if (!IsHeld)
        {
            return false;
        }

        var started = _client.Time.GetTimestamp();
        if (!await ExtendCoreAsync(span, cancellationToken).ConfigureAwait(false))
        {
            MarkLost("the backend refused to extend it (it expired or was taken over)");
            return false;
        }

        if (_client.Time.GetTimestamp() >= LostAt)
        {
            // The extension came back after the local deadline: another holder may already have been let in, so an
            // extension that arrives late must not revive the lease.
            MarkLost("a renewal succeeded only after the lease's local deadline, too late to trust it again");
            return false;
        }

        Volatile.Write(ref _expiresAt, _client.After(started, span - _validityMargin));
        return IsHeld;
    }

    /// <summary>
    /// One renewal attempt by the loop, bounded by the lease's remaining validity (a hung call gives up at the deadline
    /// instead of holding the lease's turn); returns when to renew again, or null when done with this lease.
    /// </summary>
    internal async ValueTask<long?> RenewAsync(CancellationToken stopping)
    {
        if (!IsHeld)
        {
            return null;
        }

        if (Options.MaxHoldTime is { } max && _client.Time.GetElapsedTime(_grantedAt) >= max)
        {
            MarkLost($"it was held for its MaxHoldTime of {max}; renewal stopped and it expires after its TTL");
            return null;
        }

        try
        {
            // The lost token is the bound: the deadline watch cancels it, and with it a call still hanging then. One token
            // per lease rather than a timed source per renewal keeps 10,000 held leases cheap.
            return await ExtendAsync(null, LostToken).ConfigureAwait(false) ? NextRenewalDue() : null;
        }
        catch (OperationCanceledException) when (IsLost)
        {
            // The deadline passed with the call still out; the lease was reported lost when it did.
            return null;
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            Log.RenewalFailed(_client.Logger, KindName, Key, ex);
            if (_client.Time.GetTimestamp() >= LostAt)
            {
                MarkLost($"renewal kept failing until its deadline ({ex.Message})");
                return null;
            }

            // Retry well before the deadline: half the time left, but not in a tight loop.
            var retryIn = TimeSpan.FromTicks(Math.Max(_client.Until(LostAt).Ticks / 2, TimeSpan.FromMilliseconds(5).Ticks));
            return Math.Min(_client.After(_client.Time.GetTimestamp(), retryIn), LostAt);
        }
    }

    /// <summary>Marks the lease lost once: fires <see cref="LostToken"/>, logs and counts it.</summary>
    internal void MarkLost(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, Lost, Held) != Held)
        {
            return;
        }

        // Cancel first: the work under the lease must stop now, not after the metric and the log line.
        AggregateException? callbackFailure = null;
        try
        {
            Volatile.Read(ref _lostSource)?.Cancel();
        }
        catch (AggregateException ex)
        {
            // A user's callback on LostToken threw; the lease is lost either way and the renewal loop must go on.
            callbackFailure = ex;
        }

        LocksmithInstruments.Lost.Add(1, LocksmithInstruments.Kind(Kind));
        Log.LeaseLost(_client.Logger, KindName, Key, reason);
        if (callbackFailure is not null)
        {
            Log.LostCallbackFailed(_client.Logger, KindName, Key, callbackFailure);
        }
    }

    /// <summary>
    /// Releases the lease (owner-checked on the backend) and stops renewing it; a failed release is logged, and the key
    /// expires after its TTL. Before <see cref="LeaseOptions.MinHoldTime"/> the key is instead extended to that time and
    /// left to expire.
    /// </summary>
    /// <returns>A task that completes when the release was tried.</returns>
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        var keepFor = Options.MinHoldTime is { } min && IsHeld ? min - _client.Time.GetElapsedTime(_grantedAt) : TimeSpan.Zero;
        if (keepFor >= TimeSpan.FromMilliseconds(1) && await KeepAsync(keepFor).ConfigureAwait(false))
        {
            return;
        }

        var previous = Interlocked.Exchange(ref _state, Released);
        if (previous == Released)
        {
            return;
        }

        _client.Renewals.Released();

        LocksmithInstruments.HoldTime.Record(_client.Time.GetElapsedTime(_grantedAt).TotalSeconds, LocksmithInstruments.Kind(Kind));
        try
        {
            // Even a lease we consider lost may still be ours on the server (we only lost trust in it): the owner-checked
            // release is safe either way and frees the key for the next holder sooner.
            await ReleaseCoreAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            BackendLog.ReleaseFailed(_client.Logger, Kind, Key, ex);
        }
    }

    internal string KindName => Kind.Name();

    /// <summary>
    /// Extends the key to <paramref name="keepFor"/> from now (owner-checked) and stops looking after it, so it expires
    /// then rather than being released. False when the extension did not happen: the caller releases as usual.
    /// </summary>
    private async ValueTask<bool> KeepAsync(TimeSpan keepFor)
    {
        try
        {
            if (!await ExtendCoreAsync(keepFor, CancellationToken.None).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (Exception ex)
        {
            BackendLog.ReleaseFailed(_client.Logger, Kind, Key, ex);
            return false;
        }

        if (Interlocked.Exchange(ref _state, Released) == Released)
        {
            return true;
        }

        _client.Renewals.Released();
        LocksmithInstruments.HoldTime.Record(_client.Time.GetElapsedTime(_grantedAt).TotalSeconds, LocksmithInstruments.Kind(Kind));
        return true;
    }

    /// <summary>Owner-checked extend on the backend; false when the backend says the lease is no longer ours.</summary>
    /// <param name="ttl">The new time to live, counted from now.</param>
    /// <param name="cancellationToken">Fires at the lease's local deadline during renewal: a call still hanging then is abandoned.</param>
    /// <returns>Whether the backend extended it.</returns>
    protected abstract ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Owner-checked release on the backend. Must never remove another owner's lease.</summary>
    /// <returns>A task that completes when the release was sent.</returns>
    protected abstract ValueTask ReleaseCoreAsync();

    private long NextRenewalDue()
    {
        var due = _client.After(_client.Time.GetTimestamp(), Options.EffectiveRenewInterval);

        // Wake exactly at the hold limit rather than up to a renewal interval after it.
        return Options.MaxHoldTime is { } max ? Math.Min(due, _client.After(_grantedAt, max)) : due;
    }
}
