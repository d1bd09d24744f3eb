namespace Locksmith;

/// <summary>
/// A call with <see cref="QueuedByAttribute.AwaitResult"/> whose body failed on the consumer on every attempt; the item
/// is in the dead-letter stream. Carries the consumer's exception type and message, since the exception object itself
/// lived in another process.
/// </summary>
public sealed class QueuedCallFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="queue">The queue the item went through.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="error">What the consumer's body threw.</param>
    public QueuedCallFailedException(string queue, string itemId, QueueError error)
        : base($"The queued call {itemId} on queue '{queue}' failed on the consumer after {error.Attempts} attempt(s) with {error.Type}: {error.Message}")
    {
        ArgumentNullException.ThrowIfNull(error);
        Queue = queue;
        ItemId = itemId;
        Error = error;
    }

    /// <summary>The queue the item went through.</summary>
    public string Queue { get; }

    /// <summary>The item's id, which also names it in the dead-letter stream.</summary>
    public string ItemId { get; }

    /// <summary>The consumer's exception type, message and attempt count.</summary>
    public QueueError Error { get; }

    /// <summary>The full name of the exception type the consumer's body threw.</summary>
    public string RemoteExceptionType => Error.Type;
}
