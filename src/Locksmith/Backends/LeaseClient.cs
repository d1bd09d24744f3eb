using Locksmith.Leasing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locksmith.Backends;

/// <summary>
/// What every lease of one provider shares: the clock, the logger and the single renewal loop. One instance stands
/// for one client process of the backend; disposing it without releasing is how tests simulate a crashed holder.
/// </summary>
/// <remarks>A backend creates one per provider and hands it to <see cref="LeaseProviderBase{TLease}"/> and its leases.</remarks>
public sealed class LeaseClient : IAsyncDisposable, IDisposable
{
    /// <summary>Creates the shared state of one provider's leases.</summary>
    /// <param name="time">The clock every deadline is measured on.</param>
    /// <param name="logger">Where lease events (lost, renewal failed, release failed) are logged.</param>
    public LeaseClient(TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Time = time;
        Logger = logger;
        Renewals = new RenewalLoop(time, logger);
    }

    /// <summary>The clock every deadline is measured on.</summary>
    public TimeProvider Time { get; }

    /// <summary>Where lease events are logged.</summary>
    public ILogger Logger { get; }

    internal RenewalLoop Renewals { get; }

    /// <summary>
    /// Creates the client from a container: the <see cref="TimeProvider"/> <c>AddLocksmith</c> registers and the
    /// <c>Locksmith</c> logger, for a backend's registration.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The client; the provider that receives it disposes it.</returns>
    public static LeaseClient FromServices(IServiceProvider services) =>
        new(services.GetRequiredService<TimeProvider>(), LocksmithLogging.CreateLogger(services));

    /// <summary>A timestamp <paramref name="span"/> after <paramref name="from"/>, in <see cref="TimeProvider"/> units.</summary>
    /// <param name="from">A timestamp from <see cref="TimeProvider.GetTimestamp"/> of <see cref="Time"/>.</param>
    /// <param name="span">The time to add; saturates rather than overflowing, so a very long span means "never".</param>
    /// <returns>The later timestamp.</returns>
    public long After(long from, TimeSpan span) => LeaseDeadline.After(Time, from, span);

    /// <summary>How long until <paramref name="timestamp"/>; zero once it has passed.</summary>
    /// <param name="timestamp">A timestamp on <see cref="Time"/>'s clock.</param>
    /// <returns>The time left.</returns>
    public TimeSpan Until(long timestamp)
    {
        var now = Time.GetTimestamp();
        return timestamp <= now ? TimeSpan.Zero : Time.GetElapsedTime(now, timestamp);
    }

    /// <summary>Stops the renewal loop; leases still held then expire on the backend after their TTL.</summary>
    /// <returns>A task that completes when the loop has stopped.</returns>
    public ValueTask DisposeAsync() => Renewals.DisposeAsync();

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => Renewals.Dispose();
}
