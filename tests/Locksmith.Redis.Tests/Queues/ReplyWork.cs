namespace Locksmith.Redis.Tests.Queues;

/// <summary>A queued call whose caller waits for the result.</summary>
public sealed class ReplyWork
{
    public const string Queue = "reply-work";

    [QueuedBy(Queue, AwaitResult = true)]
    public Task<int> AddAsync(int a, int b) => Task.FromResult(a + b);
}
