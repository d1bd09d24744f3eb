namespace Locksmith.Chaos;

/// <summary>
/// The settings the client processes and the checker share. Constants, because the semaphore's attribute takes them.
/// </summary>
public static class ChaosSettings
{
    /// <summary>The lock leases' time to live.</summary>
    public static readonly TimeSpan LockTtl = TimeSpan.FromSeconds(1);

    /// <summary>How long a lock client waits for a lease before logging a failed acquisition and trying again.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(3);

    /// <summary>The semaphore every semaphore client shares.</summary>
    public const string SemaphoreKey = "chaos-sem";

    public const int SemaphorePermits = 2;

    /// <summary>The permits' time to live, as the attribute writes it, and as a span.</summary>
    public const string SemaphoreTtlText = "1500ms";

    public static readonly TimeSpan SemaphoreTtl = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// How long a semaphore body's occupancy entry lives on the server without a step: a third of the TTL, so a body
    /// that stopped drops out before its permit (renewed every third of the TTL) could have expired.
    /// </summary>
    public static readonly TimeSpan OccupancyWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>The lock keys lock clients pick from.</summary>
    public static readonly string[] LockKeys = ["chaos-a", "chaos-b"];

    /// <summary>Test data (fenced registers) lives under this prefix, which the immortal-key check leaves out: the fenced-write helper sets no TTL.</summary>
    public const string RegisterPrefix = "chaosdata:reg:";

    public static string RegisterKey(string lockKey) => RegisterPrefix + lockKey;

    /// <summary>StackExchange.Redis settings for the clients: start while a server is down, give up on a request after 2 s.</summary>
    public static string ClientConfiguration(string endPoint) => $"{endPoint},abortConnect=false,connectTimeout=1000,asyncTimeout=2000,syncTimeout=2000";
}
