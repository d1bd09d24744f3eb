using Locksmith.Backends;

namespace Locksmith.InMemory;

/// <summary>
/// The in-memory "server" of reader-writer locks: per key, readers each with their own expiry, at most one writer, at
/// most one upgradeable reader (whose upgrade adds a write hold under the same owner), and one line of waiters served in
/// arrival order. A waiting writer at the head of the line holds back every reader behind it, and a pending upgrade holds
/// back every new reader, so readers cannot starve a writer. Waiters are woken by a release, or by one timer per
/// contended key armed at the earliest holder expiry: no polling.
/// </summary>
internal sealed class InMemoryReaderWriterStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fences = new(StringComparer.Ordinal);
    private long _lastOwner;

    public InMemoryReaderWriterStore(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Takes <paramref name="key"/> in <paramref name="kind"/>'s mode, waiting in line up to <paramref name="wait"/>; null on timeout.</summary>
    public async ValueTask<Grant?> AcquireAsync(LeaseKind kind, string key, TimeSpan ttl, bool fencing, TimeSpan wait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            var resource = GetOrAdd(key);
            Purge(resource);
            var owner = ++_lastOwner;

            // Nobody may pass the line: a reader arriving behind a waiting writer waits behind it.
            if (resource.Waiters.Count == 0 && CanGrant(resource, kind))
            {
                return GrantLocked(resource, key, kind, owner, ttl, fencing);
            }

            if (wait == TimeSpan.Zero)
            {
                RemoveIfIdle(key, resource);
                return null;
            }

            waiter = new Waiter(owner, kind, ttl, fencing);
            waiter.Node = resource.Waiters.AddLast(waiter);
            ScheduleExpiryWake(resource, key);
        }

        try
        {
            return await WaitForAsync(waiter.Completion, wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            if (!Abandon(key, waiter))
            {
                // Granted in the instant we gave up: hand it straight on rather than leave it held by nobody.
                Release(kind, key, waiter.Owner);
            }

            if (ex is TimeoutException)
            {
                return null;
            }

            throw;
        }
    }

    /// <summary>
    /// Adds a write hold to <paramref name="owner"/>'s upgradeable read once no other reader is in, holding new readers
    /// back meanwhile; returns the fencing token, or null when the wait timed out (the read is kept either way).
    /// </summary>
    public async ValueTask<long?> UpgradeAsync(string key, long owner, TimeSpan ttl, bool fencing, TimeSpan wait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            if (_resources.TryGetValue(key, out var resource))
            {
                Purge(resource);
            }

            if (resource is null || !HoldsUpgradeable(resource, owner))
            {
                throw new InvalidOperationException($"The upgradeable read lease on '{key}' is no longer held (it expired), so it cannot be upgraded.");
            }

            if (resource.Readers.Count == 0)
            {
                return GrantLocked(resource, key, LeaseKind.WriteLock, owner, ttl, fencing).FencingToken;
            }

            if (wait == TimeSpan.Zero)
            {
                return null;
            }

            waiter = new Waiter(owner, LeaseKind.WriteLock, ttl, fencing);
            resource.Upgrade = waiter;
            ScheduleExpiryWake(resource, key);
        }

        try
        {
            return (await WaitForAsync(waiter.Completion, wait, cancellationToken).ConfigureAwait(false))?.FencingToken;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (_resources.TryGetValue(key, out var resource) && resource.Upgrade == waiter)
                {
                    // Readers held back by the upgrade may come in now.
                    resource.Upgrade = null;
                    Pump(key, resource);
                }
                else if (waiter.Completion.Task.IsCompletedSuccessfully)
                {
                    // Upgraded in the instant we gave up: the caller sees a timeout, so the write hold goes again.
                    ReleaseWriteHold(key, owner);
                }
            }

            if (ex is TimeoutException)
            {
                return null;
            }

            throw;
        }
    }

    /// <summary>Owner-checked extend of every hold <paramref name="owner"/> has in <paramref name="kind"/>'s mode; never brings one back.</summary>
    public bool Extend(LeaseKind kind, string key, long owner, TimeSpan ttl)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(key, out var resource))
            {
                return false;
            }

            Purge(resource);
            var expiresAt = After(_time.GetTimestamp(), ttl);
            switch (kind)
            {
                case LeaseKind.ReadLock when resource.Readers.ContainsKey(owner):
                    resource.Readers[owner] = expiresAt;
                    return true;
                case LeaseKind.WriteLock when resource.Writer == owner:
                    resource.WriterExpiresAt = expiresAt;
                    return true;
                case LeaseKind.UpgradeableReadLock when resource.Upgrader == owner:
                    resource.UpgraderExpiresAt = expiresAt;
                    if (resource.Writer == owner)
                    {
                        resource.WriterExpiresAt = expiresAt;
                    }

                    return true;
                default:
                    Pump(key, resource);
                    return false;
            }
        }
    }

    /// <summary>Owner-checked release of every hold <paramref name="owner"/> has, then lets waiters in.</summary>
    public bool Release(LeaseKind kind, string key, long owner)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(key, out var resource))
            {
                return false;
            }

            var released = kind switch
            {
                LeaseKind.ReadLock => resource.Readers.Remove(owner),
                LeaseKind.WriteLock => ClearWriter(resource, owner),
                _ => ClearUpgrader(resource, owner) | ClearWriter(resource, owner),
            };
            Pump(key, resource);
            return released;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var resource in _resources.Values)
            {
                resource.Timer?.Dispose();
            }
        }
    }

    private static bool CanGrant(Resource resource, LeaseKind kind) => kind switch
    {
        // A pending upgrade holds new readers back, as a waiting writer does, or a stream of readers could starve it.
        LeaseKind.ReadLock => resource.Writer == 0 && resource.Upgrade is null,
        LeaseKind.WriteLock => resource.Writer == 0 && resource.Upgrader == 0 && resource.Readers.Count == 0,
        _ => resource.Writer == 0 && resource.Upgrader == 0,
    };

    private static bool HoldsUpgradeable(Resource resource, long owner) => resource.Upgrader == owner;

    private static bool ClearWriter(Resource resource, long owner)
    {
        if (resource.Writer != owner)
        {
            return false;
        }

        resource.Writer = 0;
        return true;
    }

    private static bool ClearUpgrader(Resource resource, long owner)
    {
        if (resource.Upgrader != owner)
        {
            return false;
        }

        resource.Upgrader = 0;
        if (resource.Upgrade is { } pending)
        {
            resource.Upgrade = null;
            pending.Completion.TrySetException(new InvalidOperationException("The upgradeable read lease expired while its upgrade waited."));
        }

        return true;
    }

    private void ReleaseWriteHold(string key, long owner)
    {
        if (_resources.TryGetValue(key, out var resource) && ClearWriter(resource, owner))
        {
            Pump(key, resource);
        }
    }

    private Resource GetOrAdd(string key)
    {
        if (!_resources.TryGetValue(key, out var resource))
        {
            _resources[key] = resource = new Resource();
        }

        return resource;
    }

    private Grant GrantLocked(Resource resource, string key, LeaseKind kind, long owner, TimeSpan ttl, bool fencing)
    {
        var now = _time.GetTimestamp();
        var expiresAt = After(now, ttl);
        switch (kind)
        {
            case LeaseKind.ReadLock:
                resource.Readers[owner] = expiresAt;
                break;
            case LeaseKind.WriteLock:
                resource.Writer = owner;
                resource.WriterExpiresAt = expiresAt;
                break;
            default:
                resource.Upgrader = owner;
                resource.UpgraderExpiresAt = expiresAt;
                break;
        }

        long fence = 0;
        if (fencing && kind == LeaseKind.WriteLock)
        {
            _fences.TryGetValue(key, out fence);
            _fences[key] = ++fence;
        }

        return new Grant(owner, fence, now);
    }

    /// <summary>Grants a pending upgrade once readers are gone, then waiters in arrival order while each fits; never past one that does not.</summary>
    private void Pump(string key, Resource resource)
    {
        Purge(resource);
        if (resource.Upgrade is { } upgrade && resource.Readers.Count == 0)
        {
            resource.Upgrade = null;
            upgrade.Completion.TrySetResult(GrantLocked(resource, key, LeaseKind.WriteLock, upgrade.Owner, upgrade.Ttl, upgrade.Fencing));
        }

        while (resource.Waiters.First is { } first && CanGrant(resource, first.Value.Kind))
        {
            var waiter = first.Value;
            resource.Waiters.RemoveFirst();
            waiter.Node = null;
            waiter.Completion.TrySetResult(GrantLocked(resource, key, waiter.Kind, waiter.Owner, waiter.Ttl, waiter.Fencing));
        }

        ScheduleExpiryWake(resource, key);
        RemoveIfIdle(key, resource);
    }

    private bool Abandon(string key, Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return false;
            }

            var resource = _resources[key];
            resource.Waiters.Remove(waiter.Node);
            waiter.Node = null;

            // A writer that gave up may have been holding back the readers behind it.
            Pump(key, resource);
            return true;
        }
    }

    private void Purge(Resource resource)
    {
        var now = _time.GetTimestamp();
        foreach (var (owner, expiresAt) in resource.Readers)
        {
            if (expiresAt <= now)
            {
                // Each reader goes at its own expiry, whatever the others' renewals do.
                resource.Readers.Remove(owner);
            }
        }

        if (resource.Writer != 0 && resource.WriterExpiresAt <= now)
        {
            resource.Writer = 0;
        }

        if (resource.Upgrader != 0 && resource.UpgraderExpiresAt <= now)
        {
            ClearUpgrader(resource, resource.Upgrader);
        }
    }

    /// <summary>With anyone waiting, arms one timer at the earliest holder expiry: an expiry lets waiters in without a release.</summary>
    private void ScheduleExpiryWake(Resource resource, string key)
    {
        var earliest = long.MaxValue;
        foreach (var expiresAt in resource.Readers.Values)
        {
            earliest = Math.Min(earliest, expiresAt);
        }

        if (resource.Writer != 0)
        {
            earliest = Math.Min(earliest, resource.WriterExpiresAt);
        }

        if (resource.Upgrader != 0)
        {
            earliest = Math.Min(earliest, resource.UpgraderExpiresAt);
        }

        if ((resource.Waiters.Count == 0 && resource.Upgrade is null) || earliest == long.MaxValue)
        {
            resource.Timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var now = _time.GetTimestamp();
        var due = LeaseDeadline.TimerDue(earliest <= now ? TimeSpan.Zero : _time.GetElapsedTime(now, earliest));
        if (resource.Timer is null)
        {
            resource.Timer = CreateExpiryTimer(new ExpiryTarget(this, key), due);
        }
        else
        {
            resource.Timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    // Kept apart from ScheduleExpiryWake so that method captures nothing (a capturing lambda allocates on every call).
    private ITimer CreateExpiryTimer(ExpiryTarget target, TimeSpan due) =>
        _time.CreateTimer(static state => ((ExpiryTarget)state!).Fire(), target, due, Timeout.InfiniteTimeSpan);

    private void OnExpiryTimer(string key)
    {
        lock (_gate)
        {
            if (_resources.TryGetValue(key, out var resource))
            {
                Pump(key, resource);
            }
        }
    }

    private void RemoveIfIdle(string key, Resource resource)
    {
        if (resource.Readers.Count == 0 && resource.Writer == 0 && resource.Upgrader == 0 && resource.Waiters.Count == 0 && resource.Upgrade is null)
        {
            resource.Timer?.Dispose();
            _resources.Remove(key);
        }
    }

    /// <summary>Waits for a grant in steps a timer accepts, so a wait of months times out as asked instead of throwing.</summary>
    private async Task<Grant?> WaitForAsync(TaskCompletionSource<Grant?> completion, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var deadline = After(_time.GetTimestamp(), wait);
        while (true)
        {
            var left = deadline - _time.GetTimestamp();
            var step = LeaseDeadline.TimerDue(left <= 0 ? TimeSpan.Zero : _time.GetElapsedTime(0, left));
            try
            {
                return await completion.Task.WaitAsync(step, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (step == LeaseDeadline.LongestTimer && _time.GetTimestamp() < deadline)
            {
                // Only a step of a longer wait ended: keep waiting.
            }
        }
    }

    private long After(long from, TimeSpan span) => LeaseDeadline.After(_time, from, span);

    private sealed record ExpiryTarget(InMemoryReaderWriterStore Store, string Key)
    {
        public void Fire() => Store.OnExpiryTimer(Key);
    }

    /// <summary>A granted hold: its owner id, fencing token (0 for reads and without fencing) and when the store granted it.</summary>
    internal readonly record struct Grant(long Owner, long FencingToken, long GrantedAt);

    private sealed class Resource
    {
        public Dictionary<long, long> Readers { get; } = [];

        public long Writer { get; set; }

        public long WriterExpiresAt { get; set; }

        public long Upgrader { get; set; }

        public long UpgraderExpiresAt { get; set; }

        /// <summary>The upgradeable reader's pending upgrade, which holds back new readers until the ones in have left.</summary>
        public Waiter? Upgrade { get; set; }

        public LinkedList<Waiter> Waiters { get; } = new();

        public ITimer? Timer { get; set; }
    }

    private sealed class Waiter(long owner, LeaseKind kind, TimeSpan ttl, bool fencing)
    {
        public long Owner { get; } = owner;

        public LeaseKind Kind { get; } = kind;

        public TimeSpan Ttl { get; } = ttl;

        public bool Fencing { get; } = fencing;

        public LinkedListNode<Waiter>? Node { get; set; }

        public TaskCompletionSource<Grant?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
