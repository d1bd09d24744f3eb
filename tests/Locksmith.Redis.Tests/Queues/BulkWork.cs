using System.Collections.Concurrent;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>A queued method that records which (key, sequence) it ran, for the many-items test.</summary>
public sealed class BulkWork(BulkWork.Journal journal)
{
    public const string Queue = "bulk";

    [QueuedBy(Queue, PartitionKey = "{key}")]
    public Task RecordAsync(string key, int sequence)
    {
        journal.Runs.Enqueue((key, sequence));
        return Task.CompletedTask;
    }

    public sealed class Journal
    {
        public ConcurrentQueue<(string Key, int Sequence)> Runs { get; } = new();
    }
}
