namespace Locksmith;

/// <summary>
/// The backend could not be reached or refused a request (connection down, wrong password, missing permission).
/// The message names the backend, the key and what to check. Backends derive more specific failures from it (such as
/// Redlock's quorum failure), so catching this type catches them all.
/// </summary>
public class LocksmithBackendException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and how to fix it.</param>
    /// <param name="innerException">The backend client's own exception.</param>
    public LocksmithBackendException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
