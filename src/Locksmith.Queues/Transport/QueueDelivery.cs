namespace Locksmith.Queues;

/// <summary>One attempt at running a queued item on a consumer.</summary>
/// <param name="Message">The item.</param>
/// <param name="Partition">The partition it came from.</param>
/// <param name="Attempt">Which attempt this is, from 1; attempts interrupted by a crash count too.</param>
/// <param name="Position">The transport's position of the item (a stream entry id, a Kafka offset).</param>
public sealed record QueueDelivery(QueueMessage Message, int Partition, int Attempt, string Position)
{
    /// <summary>The fencing token of the consumer's ownership of the partition, or 0 when the transport has none.</summary>
    public long FencingToken { get; init; }
}
