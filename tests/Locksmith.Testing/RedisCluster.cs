namespace Locksmith.Testing;

/// <summary>
/// A real Redis Cluster of <c>masters</c> redis-server processes, each with <c>replicasPerMaster</c> replicas (none by
/// default), on free 127.0.0.1 ports, created with <c>redis-cli --cluster create</c>. Each node gets its own cluster bus
/// port (<c>--cluster-port</c>) and a node file in a temporary folder that is deleted on dispose.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly string _folder;

    private RedisCluster(string folder, IReadOnlyList<RedisServer> nodes)
    {
        _folder = folder;
        Nodes = nodes;
    }

    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>"127.0.0.1:a,127.0.0.1:b,...", a StackExchange.Redis configuration that discovers the whole cluster.</summary>
    public string Configuration => string.Join(",", Nodes.Select(n => n.EndPoint));

    public static async Task<RedisCluster> StartAsync(int masters = 3, int replicasPerMaster = 0)
    {
        var folder = Directory.CreateTempSubdirectory("locksmith-cluster-").FullName;
        var nodes = new List<RedisServer>();
        try
        {
            for (var i = 0; i < masters * (1 + replicasPerMaster); i++)
            {
                var bus = RedisServer.FreePort();
                nodes.Add(await RedisServer.StartAsync(
                    "--cluster-enabled", "yes",
                    "--cluster-port", bus.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--cluster-config-file", Path.Combine(folder, $"nodes-{i}.conf"),
                    "--cluster-node-timeout", "5000",
                    "--dir", folder));
            }

            var create = new List<string> { "--cluster", "create" };
            create.AddRange(nodes.Select(n => n.EndPoint));
            create.AddRange(["--cluster-replicas", replicasPerMaster.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster-yes"]);
            var (code, output) = await RedisCli.RunAsync(create, TimeSpan.FromSeconds(60));
            if (code != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed ({code}): {output}");
            }

            var cluster = new RedisCluster(folder, nodes);
            await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Waits until every node reports <c>cluster_state:ok</c> and knows every other node, and every replica's link to its
    /// primary is up (so a write can reach it).
    /// </summary>
    public Task WaitUntilHealthyAsync(TimeSpan timeout) =>
        Eventually.UntilAsync(IsHealthyAsync, timeout, "the cluster to become healthy", TimeSpan.FromMilliseconds(100));

    private async Task<bool> IsHealthyAsync()
    {
        var healthy = true;
        foreach (var node in Nodes)
        {
            var (_, info) = await RedisCli.RunAsync(["-p", Port(node), "cluster", "info"], TimeSpan.FromSeconds(10));
            healthy &= info.Contains("cluster_state:ok", StringComparison.Ordinal)
                && info.Contains($"cluster_known_nodes:{Nodes.Count}", StringComparison.Ordinal);
            var (_, replication) = await RedisCli.RunAsync(["-p", Port(node), "info", "replication"], TimeSpan.FromSeconds(10));
            healthy &= replication.Contains("role:master", StringComparison.Ordinal)
                || replication.Contains("master_link_status:up", StringComparison.Ordinal);
        }

        return healthy;
    }

    /// <summary>
    /// The primary that owns <paramref name="key"/>'s hash slot and its replicas, as the cluster reports them now
    /// (<c>CLUSTER KEYSLOT</c> and <c>CLUSTER NODES</c>, asked of the first node still running; not of a paused one).
    /// </summary>
    public async Task<(RedisServer Primary, IReadOnlyList<RedisServer> Replicas)> ShardOfAsync(string key)
    {
        var node = Nodes.First(n => !n.HasExited);
        var (slotCode, slotOutput) = await RedisCli.RunAsync(["-p", Port(node), "cluster", "keyslot", key], TimeSpan.FromSeconds(10));
        if (slotCode != 0 || !int.TryParse(slotOutput.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var slot))
        {
            throw new InvalidOperationException($"CLUSTER KEYSLOT {key} failed ({slotCode}): {slotOutput}");
        }

        var (nodesCode, nodesOutput) = await RedisCli.RunAsync(["-p", Port(node), "cluster", "nodes"], TimeSpan.FromSeconds(10));
        if (nodesCode != 0)
        {
            throw new InvalidOperationException($"CLUSTER NODES failed ({nodesCode}): {nodesOutput}");
        }

        // Each line: <id> <ip:port@bus> <flags> <primary id or -> <ping> <pong> <epoch> <link> <slot ranges...>.
        var lines = nodesOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' '))
            .ToList();
        var primary = lines.FirstOrDefault(fields => fields[2].Contains("master", StringComparison.Ordinal) && fields.Skip(8).Any(range => Covers(range, slot)))
            ?? throw new InvalidOperationException($"No primary owns slot {slot}: {nodesOutput}");
        var replicas = lines.Where(fields => fields[3] == primary[0]).Select(fields => NodeAt(fields[1])).ToList();
        return (NodeAt(primary[1]), replicas);
    }

    private static bool Covers(string range, int slot)
    {
        if (range.StartsWith('['))
        {
            // [slot->-id] / [slot-<-id]: a slot being migrated or imported, owned by the node's plain ranges only.
            return false;
        }

        var bounds = range.Split('-');
        var first = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
        var last = bounds.Length == 2 ? int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) : first;
        return slot >= first && slot <= last;
    }

    private RedisServer NodeAt(string address)
    {
        var endPoint = address.Split('@')[0];
        return Nodes.FirstOrDefault(n => n.EndPoint == endPoint)
            ?? throw new InvalidOperationException($"The cluster reports a node at {endPoint} this fixture did not start.");
    }

    private static string Port(RedisServer node) => node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A node still closing its files; the temp folder is cleaned with the machine.
        }
    }
}
