namespace Locksmith.Chaos.History;

/// <summary>Everything the checker judges: the clients' events, the faults applied, and what the servers hold at the end.</summary>
public sealed class ChaosHistory
{
    public List<ChaosEvent> Events { get; } = [];

    public List<FaultRecord> Faults { get; } = [];

    /// <summary>Per lock key: the fenced register's final value (null when never written).</summary>
    public Dictionary<string, string?> FinalRegisters { get; } = [];

    /// <summary>Moments the server counted more semaphore occupants than permits.</summary>
    public List<OccupancyRecord> Overfull { get; } = [];

    /// <summary>Keys found without a time to live at the end ("server key (PTTL -1)").</summary>
    public List<string> ImmortalKeys { get; } = [];

    /// <summary>Semaphore key to its permit count.</summary>
    public Dictionary<string, int> Permits { get; } = [];

    /// <summary>The leases' time to live (the checker uses it to bound excuse windows).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When the run (or this phase) ended; a lease with no end by then is treated as ending here.</summary>
    public long EndedAt { get; set; }
}

/// <summary>The server counted <see cref="Count"/> occupants (<see cref="Members"/>, lease ids) of a semaphore at <see cref="At"/>.</summary>
public sealed record OccupancyRecord(string Key, long At, int Count, IReadOnlyList<string> Members);
