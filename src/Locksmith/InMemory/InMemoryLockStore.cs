using Locksmith.Backends;

namespace Locksmith.InMemory;

/// <summary>
/// The in-memory "server": lock and semaphore state shared by every in-memory provider of a container, with the same
/// semantics a network backend has (owners, expiry by the store's clock, fencing counters) and waiters queued FIFO
/// and woken by signal: by a release, or by a timer set at the earliest expiry that could let them in.
/// </summary>
/// <remarks>A lock is a resource with one permit; the two live in separate tables so equal keys do not collide.</remarks>
internal sealed class InMemoryLockStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Resource> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resource> _semaphores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fences = new(StringComparer.Ordinal);
    private long _lastOwner;

    public InMemoryLockStore(TimeProvider time)
    {
        _time = time;
    }

    public TimeProvider Time => _time;

    /// <summary>Takes a permit of <paramref name="key"/>, waiting in line up to <paramref name="wait"/>; null on timeout.</summary>
    public async ValueTask<Grant?> AcquireAsync(
        LeaseKind kind, string key, int limit, TimeSpan ttl, bool fencing, TimeSpan wait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var table = Table(kind);
        Waiter waiter;
        lock (_gate)
        {
            var resource = GetOrAdd(table, key);
            Purge(resource);
            var owner = ++_lastOwner;
            if (resource.Waiters.Count == 0 && resource.Holders.Count < limit)
            {
                return GrantLocked(resource, key, owner, ttl, fencing);
            }

            if (wait == TimeSpan.Zero)
            {
                RemoveIfIdle(table, key, resource);
                return null;
            }

            waiter = new Waiter(owner, limit, ttl, fencing);
            waiter.Node = resource.Waiters.AddLast(waiter);
            ScheduleExpiryWake(resource, key, kind);
        }

        try
        {
            return await WaitForGrantAsync(waiter, wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            if (!Abandon(table, key, waiter))
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

    /// <summary>Waits for the grant in steps a timer accepts, so a wait of months times out as asked instead of throwing.</summary>
    private async Task<Grant?> WaitForGrantAsync(Waiter waiter, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var deadline = After(_time.GetTimestamp(), wait);
        while (true)
        {
            var left = deadline - _time.GetTimestamp();
            var step = LeaseDeadline.TimerDue(left <= 0 ? TimeSpan.Zero : _time.GetElapsedTime(0, left));
            try
            {
                return await waiter.Completion.Task.WaitAsync(step, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (step == LeaseDeadline.LongestTimer && _time.GetTimestamp() < deadline)
            {
                // Only a step of a longer wait ended: keep waiting.
            }
        }
    }

    /// <summary>Owner-checked extend; never brings back an expired or released permit.</summary>
    public bool Extend(LeaseKind kind, string key, long owner, TimeSpan ttl)
    {
        lock (_gate)
        {
            if (!Table(kind).TryGetValue(key, out var resource))
            {
                return false;
            }

            Purge(resource);
            if (!resource.Holders.ContainsKey(owner))
            {
                Pump(Table(kind), key, resource, kind);
                return false;
            }

            resource.Holders[owner] = After(_time.GetTimestamp(), ttl);
            return true;
        }
    }

    /// <summary>Owner-checked release: removes only <paramref name="owner"/>'s permit, then lets the next waiter in.</summary>
    /// <returns>Whether the owner still held a permit.</returns>
    public bool Release(LeaseKind kind, string key, long owner)
    {
        lock (_gate)
        {
            var table = Table(kind);
            if (!table.TryGetValue(key, out var resource) || !resource.Holders.Remove(owner))
            {
                return false;
            }

            Pump(table, key, resource, kind);
            return true;
        }
    }

    /// <summary>The owners currently holding <paramref name="key"/> (expired ones excluded).</summary>
    public int HolderCount(LeaseKind kind, string key)
    {
        lock (_gate)
        {
            if (!Table(kind).TryGetValue(key, out var resource))
            {
                return 0;
            }

            Purge(resource);
            return resource.Holders.Count;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var resource in _locks.Values.Concat(_semaphores.Values))
            {
                resource.Timer?.Dispose();
            }
        }
    }

    private Dictionary<string, Resource> Table(LeaseKind kind) => kind == LeaseKind.Lock ? _locks : _semaphores;

    private static Resource GetOrAdd(Dictionary<string, Resource> table, string key)
    {
        if (!table.TryGetValue(key, out var resource))
        {
            table[key] = resource = new Resource();
        }

        return resource;
    }

    private Grant GrantLocked(Resource resource, string key, long owner, TimeSpan ttl, bool fencing)
    {
        var now = _time.GetTimestamp();
        resource.Holders[owner] = After(now, ttl);
        long fence = 0;
        if (fencing)
        {
            _fences.TryGetValue(key, out fence);
            _fences[key] = ++fence;
        }

        return new Grant(owner, fence, now);
    }

    /// <summary>Grants permits to waiters in arrival order while there is room; a waiter never overtakes an earlier one.</summary>
    private void Pump(Dictionary<string, Resource> table, string key, Resource resource, LeaseKind kind)
    {
        Purge(resource);
        while (resource.Waiters.First is { } first && resource.Holders.Count < first.Value.Limit)
        {
            var waiter = first.Value;
            resource.Waiters.RemoveFirst();
            waiter.Node = null;
            waiter.Completion.TrySetResult(GrantLocked(resource, key, waiter.Owner, waiter.Ttl, waiter.Fencing));
        }

        ScheduleExpiryWake(resource, key, kind);
        RemoveIfIdle(table, key, resource);
    }

    private bool Abandon(Dictionary<string, Resource> table, string key, Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return false;
            }

            var resource = table[key];
            resource.Waiters.Remove(waiter.Node);
            waiter.Node = null;

            // The one who left may have been blocking smaller-limit waiters behind it.
            Pump(table, key, resource, table == _locks ? LeaseKind.Lock : LeaseKind.Semaphore);
            return true;
        }
    }

    private void Purge(Resource resource)
    {
        if (resource.Holders.Count == 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var (owner, expiresAt) in resource.Holders)
        {
            if (expiresAt <= now)
            {
                // Removing during enumeration is allowed for Dictionary since .NET Core 3.0.
                resource.Holders.Remove(owner);
            }
        }
    }

    /// <summary>With waiters queued, arms one timer at the earliest holder expiry: expiry frees a permit without any release.</summary>
    private void ScheduleExpiryWake(Resource resource, string key, LeaseKind kind)
    {
        if (resource.Waiters.Count == 0 || resource.Holders.Count == 0)
        {
            resource.Timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var earliest = resource.Holders.Values.Min();
        var now = _time.GetTimestamp();
        // A holder's TTL may be longer than a timer accepts: the timer then wakes early, finds nothing expired, and is set again.
        var due = LeaseDeadline.TimerDue(earliest <= now ? TimeSpan.Zero : _time.GetElapsedTime(now, earliest));
        if (resource.Timer is null)
        {
            resource.Timer = CreateExpiryTimer(new ExpiryTarget(this, kind, key), due);
        }
        else
        {
            resource.Timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    // Separate from ScheduleExpiryWake so that method captures nothing: a lambda capturing its parameters would allocate
    // a closure on every call, including the many that never create a timer.
    private ITimer CreateExpiryTimer(ExpiryTarget target, TimeSpan due) =>
        _time.CreateTimer(static state => ((ExpiryTarget)state!).Fire(), target, due, Timeout.InfiniteTimeSpan);

    private void OnExpiryTimer(LeaseKind kind, string key)
    {
        lock (_gate)
        {
            var table = Table(kind);
            if (table.TryGetValue(key, out var resource))
            {
                Pump(table, key, resource, kind);
            }
        }
    }

    private static void RemoveIfIdle(Dictionary<string, Resource> table, string key, Resource resource)
    {
        if (resource.Holders.Count == 0 && resource.Waiters.Count == 0)
        {
            resource.Timer?.Dispose();
            table.Remove(key);
        }
    }

    private long After(long from, TimeSpan span) => LeaseDeadline.After(_time, from, span);

    private sealed record ExpiryTarget(InMemoryLockStore Store, LeaseKind Kind, string Key)
    {
        public void Fire() => Store.OnExpiryTimer(Kind, Key);
    }

    /// <summary>A granted permit: its owner id, fencing token (0 without fencing) and when the store granted it.</summary>
    internal readonly record struct Grant(long Owner, long FencingToken, long GrantedAt);

    private sealed class Resource
    {
        public Dictionary<long, long> Holders { get; } = [];

        public LinkedList<Waiter> Waiters { get; } = new();

        public ITimer? Timer { get; set; }
    }

    private sealed class Waiter(long owner, int limit, TimeSpan ttl, bool fencing)
    {
        public long Owner { get; } = owner;

        public int Limit { get; } = limit;

        public TimeSpan Ttl { get; } = ttl;

        public bool Fencing { get; } = fencing;

        public LinkedListNode<Waiter>? Node { get; set; }

        public TaskCompletionSource<Grant?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
