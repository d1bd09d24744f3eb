namespace Locksmith.Cli;

/// <summary>The command's exit codes (documented in docs/bulk-loading.md).</summary>
internal static class ExitCodes
{
    /// <summary>Everything was read, sent and answered without an error.</summary>
    public const int Success = 0;

    /// <summary>The server answered at least one command with an error.</summary>
    public const int CommandsFailed = 1;

    /// <summary>The input has a bad line or frame, is missing, or a template is invalid.</summary>
    public const int InvalidInput = 2;

    /// <summary>Could not connect or authenticate, or the connection was lost mid-load.</summary>
    public const int ConnectionFailed = 3;

    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    public const int Usage = 64;
}
