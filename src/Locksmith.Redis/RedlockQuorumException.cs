namespace Locksmith.Redis;

/// <summary>
/// Too few Redlock masters answered for an acquisition to reach its quorum. Nothing is left held: whatever was taken on
/// the masters that answered has been given back.
/// </summary>
public sealed class RedlockQuorumException : LocksmithBackendException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to check.</param>
    /// <param name="answered">How many masters could be reached (answered, or were still answering when the attempt was decided).</param>
    /// <param name="required">The quorum the acquisition needed.</param>
    /// <param name="masters">How many masters are configured.</param>
    /// <param name="innerException">One of the masters' failures.</param>
    public RedlockQuorumException(string message, int answered, int required, int masters, Exception? innerException = null)
        : base(message, innerException)
    {
        Answered = answered;
        Required = required;
        Masters = masters;
    }

    /// <summary>How many masters could be reached: fewer than <see cref="Required"/>.</summary>
    public int Answered { get; }

    /// <summary>How many masters had to grant the lease.</summary>
    public int Required { get; }

    /// <summary>How many masters are configured.</summary>
    public int Masters { get; }
}
