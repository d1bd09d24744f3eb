using Microsoft.Extensions.Logging;

namespace Locksmith.Leasing;

/// <summary>
/// What every lease of one provider shares: the clock, the logger and the single renewal loop. One instance stands
/// for one client process of the backend; disposing it without releasing is how tests simulate a crashed holder.
/// </summary>
internal sealed class LeaseClient : IAsyncDisposable, IDisposable
{
    public LeaseClient(TimeProvider time, ILogger logger)
    {
        Time = time;
        Logger = logger;
        Renewals = new RenewalLoop(time, logger);
    }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public RenewalLoop Renewals { get; }

    /// <summary>A timestamp <paramref name="span"/> after <paramref name="from"/>, in <see cref="TimeProvider"/> units.</summary>
    public long After(long from, TimeSpan span) => LeaseDeadline.After(Time, from, span);

    public TimeSpan Until(long timestamp)
    {
        var now = Time.GetTimestamp();
        return timestamp <= now ? TimeSpan.Zero : Time.GetElapsedTime(now, timestamp);
    }

    public ValueTask DisposeAsync() => Renewals.DisposeAsync();

    public void Dispose() => Renewals.Dispose();
}
