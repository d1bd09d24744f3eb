namespace Locksmith.Chaos.History;

/// <summary>Everything the queue checker judges: the producer's and consumers' events, and the faults applied.</summary>
public sealed class QueueHistory
{
    public List<QueueEvent> Events { get; } = [];

    public List<FaultRecord> Faults { get; } = [];

    /// <summary>The consumer groups of the producer's queue; every one must complete every acknowledged item once.</summary>
    public IReadOnlyList<string> Groups { get; init; } = QueueChaosSettings.Groups;

    public int MaxAttempts { get; init; } = QueueChaosSettings.MaxAttempts;

    /// <summary>
    /// Whether readers see records of transactions that never committed: true on Kafka's mock cluster, which shows them
    /// to read_committed readers, so the chained call of an aborted or cut-off transaction appears published.
    /// </summary>
    public bool UncommittedRecordsVisible { get; init; }
}
