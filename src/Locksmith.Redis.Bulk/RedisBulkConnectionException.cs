namespace Locksmith.Redis.Bulk;

/// <summary>Connecting, authenticating or selecting the database failed; the message names the cause and what to check.</summary>
public sealed class RedisBulkConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisBulkConnectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RedisBulkConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RedisBulkConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
