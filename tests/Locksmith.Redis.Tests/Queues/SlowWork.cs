namespace Locksmith.Redis.Tests.Queues;

/// <summary>A queued method that takes a while and counts how many of its bodies run at once.</summary>
public sealed class SlowWork(SlowWork.Gauge gauge)
{
    public const string Queue = "slow";

    [QueuedBy(Queue, PartitionKey = "{key}", MaxConcurrency = 2)]
    public async Task RunAsync(string key, int sequence)
    {
        var running = Interlocked.Increment(ref gauge.Running);
        InterlockedMax(ref gauge.MostAtOnce, running);
        await Task.Delay(20);
        Interlocked.Decrement(ref gauge.Running);
        Interlocked.Increment(ref gauge.Completed);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051", Justification = "Interlocked needs the fields themselves.")]
    public sealed class Gauge
    {
        public int Running;
        public int MostAtOnce;
        public int Completed;
    }
}
