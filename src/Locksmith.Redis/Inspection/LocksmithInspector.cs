using StackExchange.Redis;

namespace Locksmith.Redis.Inspection;

/// <summary>
/// Reads what Locksmith stores in Redis (locks, fencing counters, semaphores, waiters, queues, rate limits) for operators and the
/// <c>locksmith inspect</c> command. Keys are found with SCAN (never KEYS, which blocks the server) and classified by
/// the same layout the backend writes them with, so a key the backend adds cannot be missed here.
/// </summary>
public static class LocksmithInspector
{
    /// <summary>
    /// Takes one snapshot of the keys under <paramref name="keyPrefix"/> in <paramref name="database"/>'s database, on
    /// every connected primary (so a Cluster is read whole). Keys that expire while it runs are left out.
    /// </summary>
    /// <param name="database">The database to read; every connected primary of its multiplexer is scanned.</param>
    /// <param name="keyPrefix">The backend's <see cref="RedisBackendOptions.KeyPrefix"/>.</param>
    /// <param name="cancellationToken">Stops waiting for replies.</param>
    /// <exception cref="RedisServerException">The server refused a command: the inspecting ACL user lacks a permission.</exception>
    /// <exception cref="InvalidOperationException">No primary of the connection is connected.</exception>
    public static async Task<InspectionReport> InspectAsync(IDatabase database, string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        var servers = database.Multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToList();
        if (servers.Count == 0)
        {
            throw new InvalidOperationException("No primary of the Redis connection is connected; connect first (abortConnect=true reports why).");
        }

        var session = await InspectionSession.StartAsync(database, servers, keyPrefix, cancellationToken).ConfigureAwait(false);
        var waiters = await WaiterInspection.ReadAsync(session).ConfigureAwait(false);
        var waitersByKey = waiters.ToDictionary(w => w.RedisKey, w => w.Subscribers, StringComparer.Ordinal);
        var fences = await LeaseInspection.FencesAsync(session).ConfigureAwait(false);
        var locks = await LeaseInspection.LocksAsync(session, fences, waitersByKey).ConfigureAwait(false);
        var semaphores = await LeaseInspection.SemaphoresAsync(session, waitersByKey).ConfigureAwait(false);
        var queues = await QueueInspection.ReadAsync(session).ConfigureAwait(false);
        var rateLimits = await RateLimitInspection.ReadAsync(session).ConfigureAwait(false);
        return new InspectionReport(keyPrefix, session.Now, locks, fences, semaphores, waiters, queues, rateLimits);
    }
}
