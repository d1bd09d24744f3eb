using Locksmith.Chaos.Schedule;

namespace Locksmith.Chaos.Orchestration;

/// <summary>One phase of a chaos run.</summary>
public sealed record ChaosOptions
{
    public int Seed { get; init; }

    public Topology Topology { get; init; } = Topology.OneServer;

    /// <summary>How long faults are injected (startup and the settle phase come on top). Defaults to 45 seconds.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(45);

    public int LockClients { get; init; } = 4;

    public int SemaphoreClients { get; init; } = 3;

    /// <summary>Where client logs go; a new temporary directory when null.</summary>
    public string? Directory { get; init; }

    /// <summary>Progress lines (faults as injected).</summary>
    public Action<string> Log { get; init; } = _ => { };
}
