using System.Diagnostics;

namespace Locksmith.Chaos.History;

/// <summary>
/// Monotonic time in microseconds (CLOCK_MONOTONIC through <see cref="Stopwatch"/>), comparable across processes of one
/// machine: clients and the orchestrator stamp every event with it, so the checker orders them on one clock.
/// </summary>
public static class Mono
{
    public static long NowUs() => ToUs(Stopwatch.GetTimestamp());

    public static long ToUs(long stopwatchTimestamp) => (long)(stopwatchTimestamp * (1_000_000.0 / Stopwatch.Frequency));

    public static string Ms(long us) => $"{us / 1000.0:F1} ms";
}
