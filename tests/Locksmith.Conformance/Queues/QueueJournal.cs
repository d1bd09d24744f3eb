using System.Collections.Concurrent;

namespace Locksmith.Conformance.Queues;

/// <summary>What the probe's bodies did, shared by every simulated process of one test.</summary>
public sealed class QueueJournal
{
    private readonly ConcurrentQueue<QueueRun> _runs = new();

    /// <summary>Whether the flaky body fails; a test turns it off to show a redriven item succeeding.</summary>
    public bool Failing { get; set; }

    /// <summary>What <see cref="QueuedItem.Current"/> said inside the flaky body, per run.</summary>
    public ConcurrentQueue<QueuedItem> Items { get; } = new();

    /// <summary>Every body run, in the order they started.</summary>
    public IReadOnlyList<QueueRun> Runs => [.. _runs];

    /// <summary>Records a body run.</summary>
    public void Ran(string method, string key, int sequence) => _runs.Enqueue(new QueueRun(method, key, sequence));

    /// <summary>The runs of one method.</summary>
    public IReadOnlyList<QueueRun> Of(string method) => [.. _runs.Where(r => r.Method == method)];
}

/// <summary>One body run.</summary>
public sealed record QueueRun(string Method, string Key, int Sequence);
