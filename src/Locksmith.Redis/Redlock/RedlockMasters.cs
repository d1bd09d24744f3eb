using Locksmith.Redis.Internal;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Redlock;

/// <summary>
/// The independent masters of a Redlock backend, and the check that they really are independent: two endpoints that
/// lead to the same server (same <c>run_id</c>) would let one server cast two votes, so they are refused.
/// </summary>
internal sealed class RedlockMasters : IAsyncDisposable, IDisposable
{
    private readonly OwnedConnection[] _owned;
    private readonly string?[] _runIds;
    private volatile bool _allVerified;

    public RedlockMasters(IReadOnlyList<OwnedConnection> connections)
    {
        _owned = [.. connections];
        Connections = [.. connections.Select(c => c.Connection)];
        _runIds = new string?[Connections.Length];
    }

    public IConnectionMultiplexer[] Connections { get; }

    public int Count => Connections.Length;

    public IDatabase Database(int index) => Connections[index].GetDatabase();

    public string Describe(int index) => string.Join("/", Connections[index].GetEndPoints().Select(e => e.ToString()));

    /// <summary>Whether the master's run_id is known and unique, so its vote counts.</summary>
    public bool IsIdentified(int index) => Volatile.Read(ref _runIds[index]) is not null;

    /// <summary>
    /// Learns the run_id of every master not yet identified (once each, so it costs nothing after the first calls) and
    /// throws when two endpoints are one server. Masters that are down now are checked once they answer.
    /// </summary>
    public async ValueTask EnsureDistinctAsync()
    {
        if (_allVerified)
        {
            return;
        }

        var learning = Enumerable.Range(0, Count).Where(i => _runIds[i] is null).Select(LearnAsync).ToArray();
        await Task.WhenAll(learning).ConfigureAwait(false);
        lock (_runIds)
        {
            var duplicate = Enumerable.Range(0, Count)
                .Where(i => _runIds[i] is not null)
                .GroupBy(i => _runIds[i], StringComparer.Ordinal)
                .FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidOperationException(
                    $"Redlock endpoints {string.Join(" and ", duplicate.Select(Describe))} are the same Redis server (run_id {duplicate.Key}), " +
                    "which would let one server vote twice and break mutual exclusion. Give UseRedlock independent masters: " +
                    "separate redis-server processes, ideally on separate machines.");
            }

            _allVerified = _runIds.All(id => id is not null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _owned)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>For containers disposed synchronously (<c>using var sp = ...</c>).</summary>
    public void Dispose()
    {
        foreach (var connection in _owned)
        {
            connection.Dispose();
        }
    }

    private async Task LearnAsync(int index)
    {
        var connection = Connections[index];
        if (!connection.IsConnected)
        {
            return;
        }

        try
        {
            var runId = await ServerRunIdScript.EvaluateAsync(connection.GetDatabase()).ConfigureAwait(false);
            lock (_runIds)
            {
                _runIds[index] = runId;
            }
        }
        catch (RedisServerException ex) when (ex.Message.Contains("NOPERM", StringComparison.Ordinal))
        {
            throw new LocksmithBackendException(
                $"The Redis user of Redlock master {Describe(index)} may not run INFO, which Locksmith runs once per master (in a " +
                "script) to check that the masters are distinct servers. Grant it +info (for example ACL SETUSER <user> +info).", ex);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Unreachable now: checked again on a later acquisition, and until then its grants do not count (IsIdentified).
        }
    }
}
