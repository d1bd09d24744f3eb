namespace Locksmith;

/// <summary>
/// A queued call's arguments could not be written to the queue (System.Text.Json refused a value), or a partition key
/// could not be formatted. Nothing was enqueued.
/// </summary>
public sealed class QueueArgumentException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which method and parameter, and how to fix it.</param>
    /// <param name="innerException">The serializer's exception.</param>
    public QueueArgumentException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
