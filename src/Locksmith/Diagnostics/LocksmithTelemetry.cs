namespace Locksmith;

/// <summary>
/// Names under which Locksmith reports metrics and traces. Subscribe with
/// <c>AddMeter(LocksmithTelemetry.MeterName)</c> and <c>AddSource(LocksmithTelemetry.ActivitySourceName)</c>.
/// </summary>
/// <remarks>
/// Instruments: <c>locksmith.acquire.wait</c> (s, histogram, tags <c>kind</c> and <c>outcome</c>),
/// <c>locksmith.lease.hold</c> (s, histogram), <c>locksmith.acquisitions</c>, <c>locksmith.timeouts</c> and
/// <c>locksmith.leases.lost</c> (counters). Every one of these carries <c>kind</c> = <c>lock</c> or <c>semaphore</c>.
/// Rate limits count <c>locksmith.rate_limit.granted</c> and <c>locksmith.rate_limit.rejected</c> (counters, tag
/// <c>algorithm</c> = <c>sliding_window</c> or <c>token_bucket</c>).
/// </remarks>
public static class LocksmithTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: "Locksmith".</summary>
    public const string MeterName = "Locksmith";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: "Locksmith".</summary>
    public const string ActivitySourceName = "Locksmith";
}
