namespace Locksmith.Redis.Bulk;

/// <summary>The outcome of a load, a conversion or a dry run.</summary>
public sealed class BulkLoadResult
{
    internal BulkLoadResult(
        long commands,
        long replies,
        long errors,
        IReadOnlyList<CommandFailure> failures,
        long inputErrorCount,
        IReadOnlyList<InputError> inputErrors,
        bool stoppedAtInputError,
        string? connectionLost,
        long bytesRead,
        TimeSpan elapsed)
    {
        Commands = commands;
        Replies = replies;
        Errors = errors;
        Failures = failures;
        InputErrorCount = inputErrorCount;
        InputErrors = inputErrors;
        StoppedAtInputError = stoppedAtInputError;
        ConnectionLost = connectionLost;
        BytesRead = bytesRead;
        Elapsed = elapsed;
    }

    /// <summary>Commands read from the input and sent (or written, or validated).</summary>
    public long Commands { get; }

    /// <summary>Replies received: the commands the server confirmed, successful or not. Zero for a dry run or a conversion.</summary>
    public long Replies { get; }

    /// <summary>Error replies.</summary>
    public long Errors { get; }

    /// <summary>The first failed commands (up to <see cref="BulkLoadOptions.MaxFailuresKept"/>), in input order.</summary>
    public IReadOnlyList<CommandFailure> Failures { get; }

    /// <summary>Lines or frames that could not be read.</summary>
    public long InputErrorCount { get; }

    /// <summary>The first of them (up to <see cref="BulkLoadOptions.MaxFailuresKept"/>).</summary>
    public IReadOnlyList<InputError> InputErrors { get; }

    /// <summary>True when the load stopped at a bad line or frame (<see cref="BulkLoadOptions.ContinueOnInputError"/> off): nothing after it was sent.</summary>
    public bool StoppedAtInputError { get; }

    /// <summary>Why the connection ended before the last reply arrived, or null when it did not. <see cref="Replies"/> says how many commands were confirmed.</summary>
    public string? ConnectionLost { get; }

    /// <summary>Input bytes consumed.</summary>
    public long BytesRead { get; }

    /// <summary>Wall-clock time of the whole operation.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>True when every command was read, sent and answered without an error.</summary>
    public bool Succeeded => Errors == 0 && InputErrorCount == 0 && ConnectionLost is null;
}
