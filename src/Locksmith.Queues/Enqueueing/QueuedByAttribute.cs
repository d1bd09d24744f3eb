using AspectInjector.Broker;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// Turns a call into a durable work item: the call writes its arguments to the named queue and returns once the
/// backend has stored them; a consumer process (<c>b.AddQueueConsumers()</c>) runs the method's body later, one item at
/// a time per partition. Items with the same <see cref="PartitionKey"/> run in the order they were enqueued.
/// </summary>
/// <remarks>
/// Arguments are written with System.Text.Json; a <see cref="CancellationToken"/> parameter is not written, the
/// consumer passes its own (cancelled when the consumer stops or loses the partition). Calls made from inside a queued
/// body are published together with that item's acknowledgement, so a chain of queued steps neither loses nor repeats
/// a step when a consumer crashes.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(QueueAdvice))]
public sealed class QueuedByAttribute : Attribute
{
    /// <summary>Queues calls of the method on <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue's name: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    public QueuedByAttribute(string queue)
    {
        Queue = queue;
    }

    /// <summary>The queue's name.</summary>
    public string Queue { get; }

    /// <summary>
    /// A key template choosing the partition (<c>"{order.CustomerId}"</c>): items with equal keys go to the same
    /// partition and run in order. Without it, items are spread over the partitions with no order between them (as
    /// Kafka does with unkeyed records); a queue with one partition keeps them all in order.
    /// </summary>
    public string? PartitionKey { get; set; }

    /// <summary>
    /// Whether the call waits until a consumer has run the body, returning its result or throwing
    /// <see cref="QueuedCallFailedException"/> with the consumer's exception type and message. Required for methods
    /// that return a value.
    /// </summary>
    public bool AwaitResult { get; set; }

    /// <summary>How many times the body is tried before the item goes to the dead-letter stream; 0 uses the queue's setting.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>How many bodies of this queue one consumer process runs at once, across partitions; 0 uses the queue's setting.</summary>
    public int MaxConcurrency { get; set; }
}
