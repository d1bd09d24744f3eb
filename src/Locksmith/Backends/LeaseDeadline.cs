namespace Locksmith.Backends;

/// <summary>
/// The arithmetic of a lease's local deadline, in one place: how early the lost signal fires, and how a wait is cut to
/// what timers accept.
/// </summary>
public static class LeaseDeadline
{
    /// <summary>
    /// The longest single timer or delay armed at once. <see cref="Task.Delay(TimeSpan)"/>, timers and
    /// <see cref="CancellationTokenSource"/> refuse more than about 49.7 days; longer waits are armed again in steps.
    /// </summary>
    public static readonly TimeSpan LongestTimer = TimeSpan.FromDays(1);

    // Timers here run 10-20 ms late, so the lost signal is armed this much ahead of the deadline.
    private static readonly TimeSpan TimerLateness = TimeSpan.FromMilliseconds(25);

    /// <summary>How long before the deadline the lost signal is armed: the timers' lateness, or a tenth of a short lease.</summary>
    internal static TimeSpan LostMargin(TimeSpan trusted) =>
        trusted <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(TimerLateness.Ticks, trusted.Ticks / 10));

    /// <summary>A timestamp <paramref name="span"/> after <paramref name="from"/> on <paramref name="time"/>'s clock.</summary>
    /// <param name="time">The clock <paramref name="from"/> was read on.</param>
    /// <param name="from">A timestamp from <see cref="TimeProvider.GetTimestamp"/>.</param>
    /// <param name="span">The time to add; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <returns>The later timestamp.</returns>
    /// <remarks>Saturates at <see cref="long.MaxValue"/> rather than overflowing, so a very long span means "never".</remarks>
    public static long After(TimeProvider time, long from, TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan)
        {
            return long.MaxValue;
        }

        var units = span.Ticks * (time.TimestampFrequency / (double)TimeSpan.TicksPerSecond);
        return units >= long.MaxValue - (double)from ? long.MaxValue : from + (long)units;
    }

    /// <summary>A wait cut to what a timer accepts: never negative, never over <see cref="LongestTimer"/>.</summary>
    /// <param name="wait">The wait wanted; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <returns>The wait to arm now; arm again after it for the rest.</returns>
    public static TimeSpan TimerDue(TimeSpan wait) =>
        wait == Timeout.InfiniteTimeSpan || wait > LongestTimer ? LongestTimer : wait <= TimeSpan.Zero ? TimeSpan.Zero : wait;
}
