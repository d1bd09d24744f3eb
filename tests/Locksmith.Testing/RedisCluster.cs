using System.Diagnostics;

namespace Locksmith.Testing;

/// <summary>
/// A real Redis Cluster of <c>masters</c> redis-server processes (no replicas) on free 127.0.0.1 ports, created with
/// <c>redis-cli --cluster create</c>. Each node gets its own cluster bus port (<c>--cluster-port</c>) and a node file
/// in a temporary folder that is deleted on dispose.
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

    public static async Task<RedisCluster> StartAsync(int masters = 3)
    {
        var folder = Directory.CreateTempSubdirectory("locksmith-cluster-").FullName;
        var nodes = new List<RedisServer>();
        try
        {
            for (var i = 0; i < masters; i++)
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
            create.AddRange(["--cluster-replicas", "0", "--cluster-yes"]);
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

    /// <summary>Waits until every node reports <c>cluster_state:ok</c> and knows every other node.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var healthy = true;
            foreach (var node in Nodes)
            {
                var (_, info) = await RedisCli.RunAsync(["-p", node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "cluster", "info"], TimeSpan.FromSeconds(10));
                healthy &= info.Contains("cluster_state:ok", StringComparison.Ordinal)
                    && info.Contains($"cluster_known_nodes:{Nodes.Count}", StringComparison.Ordinal);
            }

            if (healthy)
            {
                return;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"The cluster did not become healthy within {timeout}.");
            }

            await Task.Delay(100);
        }
    }

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
