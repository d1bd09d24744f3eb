namespace Locksmith.Queues;

/// <summary>How one attempt at an item ended, as the transport must commit it.</summary>
public sealed class QueueItemOutcome
{
    private QueueItemOutcome(ReadOnlyMemory<byte> result, IReadOnlyList<QueuedCall> chained, Exception? exception, bool retryable)
    {
        Result = result;
        Chained = chained;
        Exception = exception;
        Retryable = retryable;
    }

    /// <summary>Whether the body ran to completion.</summary>
    public bool Succeeded => Exception is null;

    /// <summary>The body's result as UTF-8 JSON, for a waiting caller.</summary>
    public ReadOnlyMemory<byte> Result { get; }

    /// <summary>
    /// Queued calls the body made. The transport publishes them atomically with the item's acknowledgement, so that
    /// either both happen or neither does; a failed attempt publishes none of them.
    /// </summary>
    public IReadOnlyList<QueuedCall> Chained { get; }

    /// <summary>What the body threw, when it failed.</summary>
    public Exception? Exception { get; }

    /// <summary>Whether another attempt could succeed; false for an item no consumer can run (unknown method, unreadable arguments).</summary>
    public bool Retryable { get; }

    /// <summary>The body finished.</summary>
    /// <param name="result">Its result as UTF-8 JSON.</param>
    /// <param name="chained">Queued calls it made.</param>
    /// <returns>The outcome.</returns>
    public static QueueItemOutcome Success(ReadOnlyMemory<byte> result, IReadOnlyList<QueuedCall> chained) => new(result, chained, null, true);

    /// <summary>The body, or reading the item, failed.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="retryable">Whether trying again could help.</param>
    /// <returns>The outcome.</returns>
    public static QueueItemOutcome Failure(Exception exception, bool retryable)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(default, [], exception, retryable);
    }
}
