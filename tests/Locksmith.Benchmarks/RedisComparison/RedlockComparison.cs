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
                await RawQuorumFloor.CreateAsync([.. peerConnections.Select(c => c.GetDatabase())]),
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
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {contender.Name}{AcquireAttempts.Mark(contender)} | {p50:0} | {p99:0} | {cycles:0} |"));
            }

            AcquireAttempts.Report(contenders);
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
/// What any Redlock must at least cost here: SET NX PX to every master at once, granted once a majority said yes (refused
/// once a majority can no longer say yes); the compare-and-delete release to every master, done when a majority answered.
/// No validity check, no fencing, no waiting.
/// </summary>
internal sealed class RawQuorumFloor(IDatabase[] masters) : Contender
{
    private readonly int quorum = (masters.Length / 2) + 1;

    public override string Name => $"raw SE.Redis quorum floor ({masters.Length} masters, done at {quorum} grants)";

    /// <summary>
    /// Loads floor_release.lua into every master before the first round. The release returns at a majority and leaves
    /// the other masters' EVALSHA in flight; on a fresh master that EVALSHA answers NOSCRIPT and the runner sends EVAL
    /// only then, behind the next round's SET NX on the same connection, which then finds the old key still there.
    /// </summary>
    public static async Task<RawQuorumFloor> CreateAsync(IDatabase[] masters)
    {
        await Task.WhenAll(masters.Select(m => m.ExecuteAsync("SCRIPT", "LOAD", LuaScripts.FloorReleaseScript.Text)));
        return new RawQuorumFloor(masters);
    }

    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait)
    {
        var owner = Guid.NewGuid().ToString("N");
        if (await QuorumAsync([.. masters.Select(m => m.StringSetAsync(key, owner, TimeSpan.FromSeconds(30), When.NotExists))]))
        {
            return new Handle(() => ReleaseAsync(key, owner));
        }

        await ReleaseAsync(key, owner);
        return null;
    }

    // True once a majority granted, false once a majority can no longer grant; an error counts as a refusal. Counting
    // the yes among the first majority of answers instead refuses as soon as one master's "no" is among the first answers.
    private async Task<bool> QuorumAsync(List<Task<bool>> pending)
    {
        var yes = 0;
        var no = 0;
        while (true)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsCompletedSuccessfully && done.Result)
            {
                yes++;
            }
            else
            {
                _ = done.Exception; // observed: a master's error is its refusal
                no++;
            }

            if (yes >= quorum)
            {
                return true;
            }

            if (no > masters.Length - quorum)
            {
                return false;
            }
        }
    }

    // Sent to every master; done when a majority answered, whatever they answered. The rest stay ahead of this
    // connection's next command (the script is loaded, so no NOSCRIPT re-send can fall behind it).
    private async Task ReleaseAsync(string key, string owner)
    {
        var pending = masters.Select(m => (Task)LuaScripts.FloorReleaseScript.EvaluateAsync(m, key, owner)).ToList();
        for (var answered = 0; answered < quorum; answered++)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            _ = done.Exception;
        }
    }
}
