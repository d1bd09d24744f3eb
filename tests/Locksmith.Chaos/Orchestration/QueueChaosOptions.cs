using Locksmith.Chaos.Schedule;

namespace Locksmith.Chaos.Orchestration;

/// <summary>One queue phase of a chaos run.</summary>
public sealed record QueueChaosOptions
{
    public int Seed { get; init; }

    public QueueTransport Transport { get; init; } = QueueTransport.Redis;

    /// <summary>How long faults are injected and the producer enqueues (startup and the drain come on top). Defaults to 25 seconds.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Consumer processes running from the start, alternating between the groups. Defaults to 4.</summary>
    public int Consumers { get; init; } = 4;

    /// <summary>Spare consumer slots, started only while a join fault lasts. Defaults to 2.</summary>
    public int Spares { get; init; } = 2;

    /// <summary>How long, after the faults, every group gets to finish every stored item before the check. Defaults to 20 seconds.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Where client logs go; a new temporary directory when null.</summary>
    public string? Directory { get; init; }

    /// <summary>Progress lines (faults as injected).</summary>
    public Action<string> Log { get; init; } = _ => { };
}
