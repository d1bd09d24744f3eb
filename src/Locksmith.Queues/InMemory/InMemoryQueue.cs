namespace Locksmith.Queues;

/// <summary>One queue held in memory: its partitions, fixed when the queue is first used.</summary>
internal sealed class InMemoryQueue(string name, int partitions)
{
    public string Name { get; } = name;

    public InMemoryPartition[] Partitions { get; } = [.. Enumerable.Range(0, partitions).Select(p => new InMemoryPartition(p))];
}
