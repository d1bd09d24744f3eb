using Microsoft.Extensions.Logging;

namespace Locksmith.Backends;

/// <summary>
/// Lease events a backend reports itself, with the same ids as the core's own events so alerts match whichever
/// backend runs.
/// </summary>
public static partial class BackendLog
{
    /// <summary>An owner-checked release failed; the key expires after its time to live.</summary>
    /// <param name="logger">The lease client's logger.</param>
    /// <param name="kind">Whether a lock or a semaphore permit was being released.</param>
    /// <param name="key">The key, as the caller gave it.</param>
    /// <param name="exception">Why the release failed.</param>
    public static void ReleaseFailed(ILogger logger, LeaseKind kind, string key, Exception exception) =>
        ReleaseFailed(logger, kind.Name(), key, exception);

    [LoggerMessage(3, LogLevel.Warning, "Releasing the {Kind} lease on '{Key}' failed; it will expire after its time to live.")]
    private static partial void ReleaseFailed(ILogger logger, string kind, string key, Exception exception);
}
