namespace Locksmith.Queues;

/// <summary>A consumer group's position, completed ids, failed attempts and dead letters in one partition.</summary>
internal sealed class InMemoryGroup
{
    public List<(InMemoryEntry Entry, QueueError Error)> DeadLetters { get; } = [];

    public long NextSequence { get; set; }

    public Dictionary<string, DateTimeOffset> Completed { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, int> Failures { get; } = [];
}
