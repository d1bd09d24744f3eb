namespace Locksmith;

/// <summary>Why a queued item failed: what its body threw, and on which attempt.</summary>
/// <param name="Type">The exception's full type name.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="Attempts">How many times the body was tried.</param>
public sealed record QueueError(string Type, string Message, int Attempts)
{
    /// <summary>Describes <paramref name="exception"/> after <paramref name="attempts"/> tries.</summary>
    /// <param name="exception">What the body threw.</param>
    /// <param name="attempts">How many times the body was tried.</param>
    /// <returns>The error.</returns>
    public static QueueError From(Exception exception, int attempts)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new QueueError(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, attempts);
    }
}
