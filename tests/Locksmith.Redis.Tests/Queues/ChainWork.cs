using System.Collections.Concurrent;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>A queued step that queues the next one, recording both in its host's journal.</summary>
public sealed class ChainWork(ChainWork.Journal journal)
{
    public const string Queue = "chain-first";

    public const string NextQueue = "chain-next";

    [QueuedBy(Queue)]
    public async Task FirstAsync(string id)
    {
        journal.Steps.Enqueue($"first:{id}");
        await NextAsync(id);
    }

    [QueuedBy(NextQueue)]
    public Task NextAsync(string id)
    {
        journal.Steps.Enqueue($"next:{id}");
        return Task.CompletedTask;
    }

    public sealed class Journal
    {
        public ConcurrentQueue<string> Steps { get; } = new();
    }
}
