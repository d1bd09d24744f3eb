using System.Globalization;
using Locksmith.Chaos.Schedule;
using Locksmith.Testing;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// The servers of one phase and each client slot's own fault proxies to them, so one client can be cut off while the
/// others carry on. Single: one redis-server with an append-only file, holding locks and data. Redlock: five such
/// masters for the locks and a plain server for the data (the fenced registers and the occupancy counts).
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly List<DurableRedisServer> _lockServers;
    private readonly RedisServer? _dataServer;
    private readonly List<FaultProxy[]> _slotProxies = [];

    private ChaosCluster(Topology topology, List<DurableRedisServer> lockServers, RedisServer? dataServer)
    {
        Topology = topology;
        _lockServers = lockServers;
        _dataServer = dataServer;
    }

    public Topology Topology { get; }

    /// <summary>Every server's own endpoint (not proxied), for the final inspection.</summary>
    public IEnumerable<string> ServerEndPoints => _lockServers.Select(s => s.EndPoint).Concat(_dataServer is null ? [] : [_dataServer.EndPoint]);

    /// <summary>The server holding the fenced registers and occupancy counts, not proxied.</summary>
    public string DataEndPoint => _dataServer?.EndPoint ?? _lockServers[0].EndPoint;

    public static async Task<ChaosCluster> StartAsync(Topology topology, int slots)
    {
        var count = topology == Topology.OneServer ? 1 : FaultSchedule.RedlockMasters;
        var lockServers = (await Task.WhenAll(Enumerable.Range(0, count).Select(_ => DurableRedisServer.StartAsync()))).ToList();
        var dataServer = topology == Topology.Redlock ? await RedisServer.StartAsync() : null;
        var cluster = new ChaosCluster(topology, lockServers, dataServer);
        for (var slot = 0; slot < slots; slot++)
        {
            var upstreams = lockServers.Select(s => Port(s.EndPoint)).Concat(dataServer is null ? [] : [dataServer.Port]);
            cluster._slotProxies.Add([.. upstreams.Select(FaultProxy.Start)]);
        }

        return cluster;
    }

    /// <summary>Every proxy of one client slot (its paths to every server).</summary>
    public IReadOnlyList<FaultProxy> Proxies(int slot) => _slotProxies[slot];

    /// <summary>The client arguments naming a slot's proxied endpoints: --locks a[,b,...] --data d.</summary>
    public string[] ClientEndPoints(int slot)
    {
        var proxies = _slotProxies[slot];
        var locks = proxies.Take(_lockServers.Count).Select(p => p.EndPoint);
        var data = Topology == Topology.OneServer ? proxies[0].EndPoint : proxies[^1].EndPoint;
        return ["--locks", string.Join(",", locks), "--data", data];
    }

    /// <summary>
    /// SIGKILL of lock server <paramref name="index"/> and a restart from its append-only file; every client's proxy to it
    /// resets its connections and refuses new ones until <see cref="ReachableAgain"/>, so the server stays lost that long.
    /// </summary>
    public async Task KillServerAsync(int index)
    {
        foreach (var proxies in _slotProxies)
        {
            proxies[index].RefuseNewConnections();
            proxies[index].ResetAll();
        }

        await _lockServers[index].KillAndRestartAsync();
    }

    public void ReachableAgain(int index)
    {
        foreach (var proxies in _slotProxies)
        {
            proxies[index].Heal();
        }
    }

    public void HealAll()
    {
        foreach (var proxy in _slotProxies.SelectMany(p => p))
        {
            proxy.Heal();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _slotProxies.SelectMany(p => p))
        {
            await proxy.DisposeAsync();
        }

        foreach (var server in _lockServers)
        {
            await server.DisposeAsync();
        }

        if (_dataServer is not null)
        {
            await _dataServer.DisposeAsync();
        }
    }

    private static int Port(string endPoint) => int.Parse(endPoint[(endPoint.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
}
