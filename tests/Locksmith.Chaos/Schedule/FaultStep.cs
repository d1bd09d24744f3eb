using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Schedule;

/// <summary>
/// One planned fault: at <see cref="At"/> after the start, <see cref="Kind"/> hits <see cref="Targets"/> (client slots,
/// or Redlock masters) for <see cref="Duration"/>; <see cref="Latency"/> is the added delay of a
/// <see cref="FaultKind.DelayClient"/>.
/// </summary>
public sealed record FaultStep(TimeSpan At, FaultKind Kind, IReadOnlyList<int> Targets, TimeSpan Duration, TimeSpan Latency)
{
    public override string ToString() =>
        $"{At.TotalSeconds,6:F2}s {Kind} [{string.Join(",", Targets)}] for {Duration.TotalMilliseconds:F0} ms{(Latency > TimeSpan.Zero ? $" (+{Latency.TotalMilliseconds:F0} ms)" : "")}";
}
