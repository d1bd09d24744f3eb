using Locksmith.Backends;

namespace Locksmith.InMemory;

/// <summary>The in-memory backend's leader records: one process, so a dictionary with expiry on the injected clock.</summary>
internal sealed class InMemoryLeaderRecords(TimeProvider time) : ILeaderRecordStore
{
    private readonly Dictionary<string, Entry> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action>> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ValueTask<bool> PublishAsync(LeaderInfo leader, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        cancellationToken.ThrowIfCancellationRequested();
        bool changed;
        lock (_gate)
        {
            var current = Live(leader.Name);
            if (current is not null && current.Leader.Term > leader.Term)
            {
                return ValueTask.FromResult(false);
            }

            changed = current?.Leader != leader;
            _records[leader.Name] = new Entry(leader, LeaseDeadline.After(time, time.GetTimestamp(), ttl));
        }

        if (changed)
        {
            Notify(leader.Name);
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask WithdrawAsync(string name, long term, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool removed;
        lock (_gate)
        {
            removed = Live(name)?.Leader.Term == term && _records.Remove(name);
        }

        if (removed)
        {
            Notify(name);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<LeaderInfo?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(Live(name)?.Leader);
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(string name, Action changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_watchers.TryGetValue(name, out var list))
            {
                _watchers[name] = list = [];
            }

            list.Add(changed);
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Subscription(this, name, changed));
    }

    private Entry? Live(string name)
    {
        if (!_records.TryGetValue(name, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > time.GetTimestamp())
        {
            return entry;
        }

        _records.Remove(name);
        return null;
    }

    private void Notify(string name)
    {
        Action[] watchers;
        lock (_gate)
        {
            watchers = _watchers.TryGetValue(name, out var list) ? [.. list] : [];
        }

        foreach (var watcher in watchers)
        {
            watcher();
        }
    }

    private void Unsubscribe(string name, Action changed)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(name, out var list) && list.Remove(changed) && list.Count == 0)
            {
                _watchers.Remove(name);
            }
        }
    }

    private sealed record Entry(LeaderInfo Leader, long ExpiresAt);

    private sealed class Subscription(InMemoryLeaderRecords owner, string name, Action changed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.Unsubscribe(name, changed);
            return ValueTask.CompletedTask;
        }
    }
}
