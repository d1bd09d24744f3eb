namespace Locksmith.Locks;

/// <summary>
/// Takes several locks one key at a time in ordinal order, within one overall wait timeout, and gives back what it holds
/// if any key cannot be taken. The one global order is what rules out deadlock: two callers wanting overlapping sets
/// always contend for their first common key first. Works on every backend, Redlock and keys in different Cluster slots
/// included, because it only uses <see cref="ILockProvider.AcquireAsync"/>.
/// </summary>
internal sealed class LockLeaseSet : ILockLeaseSet
{
    private readonly CancellationTokenSource _lost;
    private int _disposed;

    private LockLeaseSet(IReadOnlyList<string> keys, IReadOnlyList<ILockLease> leases)
    {
        Keys = keys;
        Leases = leases;
        _lost = CancellationTokenSource.CreateLinkedTokenSource([.. leases.Select(l => l.LostToken)]);
    }

    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyList<ILockLease> Leases { get; }

    public CancellationToken LostToken => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    public TimeSpan TimeLeft => Leases.Min(l => l.TimeLeft);

    /// <summary>The keys de-duplicated and in the one order every caller takes them in.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            throw new ArgumentException("AcquireAllAsync needs at least one key.", nameof(keys));
        }

        return ordered;
    }

    public static async ValueTask<ILockLeaseSet> AcquireAsync(ILockProvider locks, IReadOnlyList<string> keys, LockOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var waitForever = options.WaitTimeout == Timeout.InfiniteTimeSpan;
        var held = new List<ILockLease>(keys.Count);
        try
        {
            foreach (var key in keys)
            {
                // One budget for the whole set: each key waits only for what the earlier ones left.
                var left = waitForever ? Timeout.InfiniteTimeSpan : options.WaitTimeout - time.GetElapsedTime(started);
                var each = options with { WaitTimeout = waitForever || left > TimeSpan.Zero ? left : TimeSpan.Zero };
                held.Add(await locks.AcquireAsync(key, each, cancellationToken).ConfigureAwait(false));
            }

            return new LockLeaseSet(keys, held);
        }
        catch (Exception ex)
        {
            await ReleaseAsync(held).ConfigureAwait(false);
            if (ex is LockTimeoutException timeout)
            {
                // The set's wait, not the last key's: that is what the caller's WaitTimeout bounded.
                throw new LockTimeoutException(timeout.Key, time.GetElapsedTime(started));
            }

            throw;
        }
    }

    public long FencingToken(string key)
    {
        var index = Keys is List<string> list ? list.BinarySearch(key, StringComparer.Ordinal) : -1;
        return index >= 0 ? Leases[index].FencingToken : throw new KeyNotFoundException($"The key '{key}' is not in this set of locks ('{string.Join("', '", Keys)}').");
    }

    public async ValueTask<bool> ExtendAsync(TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        var extended = await Task.WhenAll(Leases.Select(l => l.ExtendAsync(ttl, cancellationToken).AsTask())).ConfigureAwait(false);
        return extended.All(e => e);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // _lost stays undisposed so LostToken can still be read after the release.
            await ReleaseAsync(Leases).ConfigureAwait(false);
        }
    }

    /// <summary>Gives back in reverse order; a lease's disposal never throws.</summary>
    private static async ValueTask ReleaseAsync(IReadOnlyList<ILockLease> leases)
    {
        for (var i = leases.Count - 1; i >= 0; i--)
        {
            await leases[i].DisposeAsync().ConfigureAwait(false);
        }
    }
}
