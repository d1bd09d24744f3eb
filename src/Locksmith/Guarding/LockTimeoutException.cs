namespace Locksmith;

/// <summary>A lock or semaphore permit was not granted within its wait timeout.</summary>
public sealed class LockTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for <paramref name="key"/> after waiting <paramref name="waited"/>.</summary>
    /// <param name="key">The contended key.</param>
    /// <param name="waited">How long the caller waited.</param>
    /// <param name="kind">"lock" or "semaphore".</param>
    public LockTimeoutException(string key, TimeSpan waited, string kind = "lock")
        : base($"Timed out after {Format(waited)} waiting for the {kind} '{key}': another owner held it the whole time. " +
               "Raise WaitTimeout if waiting longer is acceptable, use TryAcquireAsync to handle contention without an exception, " +
               "or shorten the work done while holding it.")
    {
        Key = key;
        Waited = waited;
    }

    /// <summary>The key that could not be taken.</summary>
    public string Key { get; }

    /// <summary>How long the caller waited before giving up.</summary>
    public TimeSpan Waited { get; }

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0.###} ms";
}
