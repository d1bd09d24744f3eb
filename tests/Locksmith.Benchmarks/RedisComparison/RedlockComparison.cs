using System.Globalization;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.RedisComparison;

/// <summary>
/// Redlock over five local masters, in the same run as the single-server contenders: Locksmith single server (the
/// reference), Locksmith Redlock, and RedLock.net over the same five masters.
/// </summary>
internal static class RedlockComparison
{
    public static async Task RunAsync(string singleEndPoint, int latencyIterations, TimeSpan window)
    {
        var masters = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RedisServer.StartAsync()));
        var owned = new List<IAsyncDisposable>();
        try
        {
            var single = new ServiceCollection().AddLocksmith(b => b.UseRedis(singleEndPoint)).BuildServiceProvider();
            var redlock = new ServiceCollection().AddLocksmith(b => b.UseRedlock([.. masters.Select(m => m.EndPoint)])).BuildServiceProvider();
            var peerConnections = await Task.WhenAll(masters.Select(m => ConnectionMultiplexer.ConnectAsync(m.EndPoint)));
            owned.AddRange([single, redlock, .. peerConnections]);
            var contenders = new Contender[]
            {
                new LocksmithProgrammatic(single.GetRequiredService<ILockProvider>(), "Locksmith, single server (reference)"),
                new RawQuorumFloor([.. peerConnections.Select(c => c.GetDatabase())]),
                new LocksmithProgrammatic(redlock.GetRequiredService<ILockProvider>(), "Locksmith Redlock (5 masters)"),
                RedLockNet.Create(peerConnections),
            };
            owned.AddRange(contenders);

            Console.WriteLine("| contender | uncontended p50 (µs) | p99 (µs) | 64 distinct keys (cycles/s) |");
            Console.WriteLine("|---|---:|---:|---:|");
            var index = 0;
            foreach (var contender in contenders)
            {
                var prefix = $"r{index++}:";
                var (p50, p99) = await RedisComparison.LatencyAsync(contender, prefix + "solo", latencyIterations);
                var cycles = await RedisComparison.DistinctKeysAsync(contender, prefix + "distinct", window);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {contender.Name} | {p50:0} | {p99:0} | {cycles:0} |"));
            }
        }
        finally
        {
            foreach (var item in owned.AsEnumerable().Reverse())
            {
                await item.DisposeAsync();
            }

            foreach (var master in masters)
            {
                await master.DisposeAsync();
            }
        }
    }
}

/// <summary>
/// What any Redlock must at least cost here: SET NX PX to every master at once, done when 3 answered; the same for the
/// compare-and-delete release. No validity check, no fencing, no waiting.
/// </summary>
internal sealed class RawQuorumFloor(IDatabase[] masters) : Contender
{
    public override string Name => $"raw SE.Redis quorum floor ({masters.Length} masters, first {(masters.Length / 2) + 1} answers)";

    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait)
    {
        var owner = Guid.NewGuid().ToString("N");
        var granted = await FirstAsync(masters.Select(m => m.StringSetAsync(key, owner, TimeSpan.FromSeconds(30), When.NotExists)));
        if (granted < (masters.Length / 2) + 1)
        {
            await FirstAsync(masters.Select(m => LuaScripts.FloorReleaseScript.EvaluateAsync(m, key, owner).ContinueWith(_ => true, TaskScheduler.Default)));
            return null;
        }

        return new Handle(() => FirstAsync(masters.Select(m => LuaScripts.FloorReleaseScript.EvaluateAsync(m, key, owner).ContinueWith(_ => true, TaskScheduler.Default))));
    }

    // Waits for a majority of answers and counts the true ones among them.
    private async Task<int> FirstAsync(IEnumerable<Task<bool>> requests)
    {
        var pending = requests.ToList();
        var answered = 0;
        var yes = 0;
        while (answered < (masters.Length / 2) + 1)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            answered++;
            yes += await done ? 1 : 0;
        }

        return yes;
    }
}
