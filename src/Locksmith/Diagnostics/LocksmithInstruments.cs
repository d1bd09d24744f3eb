using System.Diagnostics;
using System.Diagnostics.Metrics;
using Locksmith.Backends;

namespace Locksmith.Diagnostics;

/// <summary>The process-wide meter and activity source; static so every backend and container reports under one name.</summary>
internal static class LocksmithInstruments
{
    public static readonly ActivitySource ActivitySource = new(LocksmithTelemetry.ActivitySourceName);

    private static readonly Meter Meter = new(LocksmithTelemetry.MeterName);

    public static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>(
        "locksmith.acquire.wait", "s", "Time from asking for a lease to getting it or giving up.");

    public static readonly Histogram<double> HoldTime = Meter.CreateHistogram<double>(
        "locksmith.lease.hold", "s", "Time a lease was held, from grant to release or loss.");

    public static readonly Counter<long> Acquisitions = Meter.CreateCounter<long>(
        "locksmith.acquisitions", null, "Leases granted.");

    public static readonly Counter<long> Timeouts = Meter.CreateCounter<long>(
        "locksmith.timeouts", null, "Waits that ended without a lease.");

    public static readonly Counter<long> Skipped = Meter.CreateCounter<long>(
        "locksmith.skipped", null, "Calls of methods marked OnBusy = Skip that returned without running because the key was busy.");

    public static readonly Counter<long> Lost = Meter.CreateCounter<long>(
        "locksmith.leases.lost", null, "Leases that were lost while held.");

    public static readonly Counter<long> RateLimitGranted = Meter.CreateCounter<long>(
        "locksmith.rate_limit.granted", null, "Rate-limit acquisitions that got their permits, after waiting or not.");

    public static readonly Counter<long> RateLimitRejected = Meter.CreateCounter<long>(
        "locksmith.rate_limit.rejected", null, "Rate-limit acquisitions refused: no permit within the wait timeout.");

    public static KeyValuePair<string, object?> Algorithm(RateLimitAlgorithm algorithm) =>
        new("algorithm", algorithm == RateLimitAlgorithm.TokenBucket ? "token_bucket" : "sliding_window");

    public static KeyValuePair<string, object?> Kind(LeaseKind kind) => new("kind", kind.Name());
}
