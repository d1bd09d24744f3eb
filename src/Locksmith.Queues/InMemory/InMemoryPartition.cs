namespace Locksmith.Queues;

/// <summary>A partition: its items in order, and where each consumer group stands.</summary>
internal sealed class InMemoryPartition(int number)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Number { get; } = number;

    public List<InMemoryEntry> Entries { get; } = [];

    public Dictionary<string, InMemoryGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Lets one consumer at a time run this partition's items, so they run in order.</summary>
    public SemaphoreSlim Owner { get; } = new(1, 1);

    public long NextSequence { get; set; } = 1;

    /// <summary>Completes when an item arrives or a group is rewound; read under the transport's lock.</summary>
    public Task Changed => _changed.Task;

    public void Signal() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public InMemoryGroup Group(string name)
    {
        if (!Groups.TryGetValue(name, out var group))
        {
            Groups[name] = group = new InMemoryGroup { NextSequence = Entries.Count > 0 ? Entries[0].Sequence : NextSequence };
        }

        return group;
    }

    /// <summary>Where the first entry at or after <paramref name="sequence"/> is: a binary search, since entries are appended in sequence order.</summary>
    public int IndexOf(long sequence)
    {
        int low = 0, high = Entries.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Entries[middle].Sequence < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>When the partition was last trimmed; trimming scans it, so it runs at most once a second, not per item.</summary>
    public DateTimeOffset LastTrim { get; set; }
}
