namespace Locksmith.Queues;

/// <summary>What a consumer process asks a transport to consume.</summary>
/// <param name="ConsumerName">This process's name among the consumers (unique per process start).</param>
/// <param name="Queues">The queues and their resolved settings.</param>
/// <param name="Handler">Runs one attempt at an item.</param>
public sealed record QueueConsumption(string ConsumerName, IReadOnlyDictionary<string, QueueOptions> Queues, IQueueItemHandler Handler);
