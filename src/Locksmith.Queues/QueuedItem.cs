using Locksmith.Queues;

namespace Locksmith;

/// <summary>
/// The queued item whose body is running in the current async flow, for bodies that make their effects idempotent
/// (store <see cref="Id"/> with the effect and skip an id seen before) or fenced (pass <see cref="FencingToken"/> to
/// the resource, which refuses tokens older than the newest it has seen).
/// </summary>
public sealed class QueuedItem
{
    private QueuedItem(QueueDelivery delivery)
    {
        Id = delivery.Message.Id;
        Queue = delivery.Message.Queue;
        PartitionKey = delivery.Message.PartitionKey;
        Partition = delivery.Partition;
        Attempt = delivery.Attempt;
        Position = delivery.Position;
        FencingToken = delivery.FencingToken;
    }

    /// <summary>The item running in this flow, or null outside a queued body.</summary>
    public static QueuedItem? Current => QueueDispatchFrame.Current is { BodyRunning: true } frame ? new QueuedItem(frame.Delivery) : null;

    /// <summary>The item's id, unique per call and the same on every attempt and redelivery.</summary>
    public string Id { get; }

    /// <summary>The queue.</summary>
    public string Queue { get; }

    /// <summary>The formatted partition key, or null.</summary>
    public string? PartitionKey { get; }

    /// <summary>The partition the item came from.</summary>
    public int Partition { get; }

    /// <summary>Which attempt this is, from 1, counting attempts cut short by crashes.</summary>
    public int Attempt { get; }

    /// <summary>The transport's position of the item (a stream entry id).</summary>
    public string Position { get; }

    /// <summary>
    /// The fencing token of this consumer's ownership of the partition: a consumer that took the partition over later
    /// has a larger one. 0 when the transport has none (in-memory).
    /// </summary>
    public long FencingToken { get; }
}
