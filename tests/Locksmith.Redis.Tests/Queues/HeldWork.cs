using System.Diagnostics;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>A queued method whose body runs until its token is cancelled, telling its host's timeline when each happened.</summary>
public sealed class HeldWork(HeldWork.Timeline timeline)
{
    public const string Queue = "held";

    [QueuedBy(Queue, PartitionKey = "{key}")]
    public async Task HoldAsync(string key, CancellationToken cancellationToken)
    {
        timeline.Started.TrySetResult(timeline.Clock.Elapsed);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            timeline.Cancelled.TrySetResult(timeline.Clock.Elapsed);
            throw;
        }
    }

    /// <summary>When this host's body started and when its token was cancelled, on a clock shared by every host of a test.</summary>
    public sealed class Timeline(Stopwatch clock)
    {
        public Stopwatch Clock { get; } = clock;

        public TaskCompletionSource<TimeSpan> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<TimeSpan> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
