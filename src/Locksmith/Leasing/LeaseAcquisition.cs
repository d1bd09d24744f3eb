using System.Diagnostics;
using Locksmith.Backends;
using Locksmith.Diagnostics;

namespace Locksmith.Leasing;

/// <summary>
/// What every backend does around one acquisition attempt: argument checks, the trace span, wait-time metrics,
/// the timeout exception and starting renewal. Backends supply only the attempt itself.
/// </summary>
internal static class LeaseAcquisition
{
    public static async ValueTask<TLease?> RunAsync<TLease, TState>(
        LeaseClient client,
        LeaseKind kind,
        string key,
        LeaseOptions options,
        bool throwOnTimeout,
        TState state,
        Func<TState, CancellationToken, ValueTask<TLease?>> attempt,
        CancellationToken cancellationToken)
        where TLease : LeaseBase
    {
        var kindName = kind.Name();
        using var activity = LocksmithInstruments.ActivitySource.StartActivity(kind.SpanName(), ActivityKind.Internal);
        activity?.SetTag("locksmith.key", key);
        var started = client.Time.GetTimestamp();
        TLease? lease;
        try
        {
            lease = await attempt(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var outcome = ex is OperationCanceledException ? "cancelled" : "failed";
            LocksmithInstruments.WaitTime.Record(
                client.Time.GetElapsedTime(started).TotalSeconds, LocksmithInstruments.Kind(kind), new("outcome", outcome));
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }

        var waited = client.Time.GetElapsedTime(started);
        if (lease is not null)
        {
            LocksmithInstruments.Acquisitions.Add(1, LocksmithInstruments.Kind(kind));
            LocksmithInstruments.WaitTime.Record(waited.TotalSeconds, LocksmithInstruments.Kind(kind), new("outcome", "acquired"));
            lease.Start();
            return lease;
        }

        LocksmithInstruments.Timeouts.Add(1, LocksmithInstruments.Kind(kind));
        LocksmithInstruments.WaitTime.Record(waited.TotalSeconds, LocksmithInstruments.Kind(kind), new("outcome", "timeout"));
        activity?.SetStatus(ActivityStatusCode.Error, "timeout");
        if (!throwOnTimeout)
        {
            return null;
        }

        Log.WaitTimedOut(client.Logger, kindName, key, waited.TotalMilliseconds);
        throw new LockTimeoutException(key, waited, kindName);
    }

    /// <summary>Checks what every provider method receives, with messages that say what to pass instead.</summary>
    public static void Validate(string key, LeaseOptions options, string optionsName)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!options.IsValid)
        {
            options.Validate(optionsName);
        }
    }
}
