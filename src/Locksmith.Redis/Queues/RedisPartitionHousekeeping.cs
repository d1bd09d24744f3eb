using Locksmith.Queues;
using Locksmith.Redis.Scripts;

namespace Locksmith.Redis.Queues;

/// <summary>
/// The owner's periodic chores on a partition, due on a schedule whether or not the partition ever drains: removing
/// the group's departed consumers and trimming entries past the retention that no group still needs.
/// </summary>
internal sealed class RedisPartitionHousekeeping(RedisQueueTransport transport, RedisGroupPartition partition, QueueOptions options, string consumer)
{
    private long _lastRun;

    /// <summary>Four times per retention period, at most every 30 s: trimming keeps up with a short retention.</summary>
    internal static TimeSpan Interval(QueueOptions options) =>
        TimeSpan.FromTicks(Math.Clamp(options.Retention.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(30).Ticks));

    /// <summary>Whether the chores are due (always, the first time).</summary>
    public bool Due => _lastRun == 0 || transport.Time.GetElapsedTime(_lastRun) >= Interval(options);

    /// <summary>Removes departed consumers (after their entries were claimed) and trims; records when, so it runs on schedule.</summary>
    public async Task RunAsync()
    {
        _lastRun = transport.Time.GetTimestamp();
        await ForgetDepartedConsumersAsync().ConfigureAwait(false);
        await QueueTrimScript.EvaluateAsync(transport.Database, partition.Stream, (long)options.Retention.TotalMilliseconds).ConfigureAwait(false);
    }

    /// <summary>Removes from the group the consumers other than this one that hold no pending entry.</summary>
    public Task ForgetDepartedConsumersAsync() =>
        QueueForgetConsumersScript.EvaluateAsync(transport.Database, partition.Stream, options.Group, consumer);
}
