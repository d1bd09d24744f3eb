using System.Diagnostics;
using System.Globalization;
using Medallion.Threading.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.RedisComparison;

/// <summary>
/// Semaphores with the same permit count, in the same run: the raw two-round-trip floor (acquire script, release script,
/// polling every millisecond when full), Locksmith's ISemaphoreProvider (plain and fair), and DistributedLock.Redis's
/// RedisDistributedSemaphore. Uncontended acquire+release latency, and 32 tasks sharing 3 permits.
/// </summary>
internal static class SemaphoreComparison
{
    private const int Permits = 3;

    public static async Task RunAsync(string endPoint, int latencyIterations, TimeSpan window)
    {
        var owned = new List<IAsyncDisposable>();
        try
        {
            var locksmith = new ServiceCollection().AddLocksmith(b => b.UseRedis(endPoint)).BuildServiceProvider();
            var floor = await ConnectionMultiplexer.ConnectAsync(endPoint);
            var peer = await ConnectionMultiplexer.ConnectAsync(endPoint);
            owned.AddRange([locksmith, floor, peer]);
            var semaphores = locksmith.GetRequiredService<ISemaphoreProvider>();
            var contenders = new Contender[]
            {
                new FloorSemaphore(floor.GetDatabase()),
                new LocksmithSemaphore(semaphores, fair: false),
                new LocksmithSemaphore(semaphores, fair: true),
                new DistributedLockSemaphore(peer.GetDatabase()),
            };

            Console.WriteLine($"Semaphores, {Permits} permits:");
            Console.WriteLine();
            Console.WriteLine("| contender | uncontended p50 (µs) | p99 (µs) | 32 tasks on 3 permits (acquisitions/s) | max wait (ms) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var index = 0;
            foreach (var contender in contenders)
            {
                var prefix = $"s{index++}:";
                var (p50, p99) = await RedisComparison.LatencyAsync(contender, prefix + "solo", latencyIterations);
                var (rate, maxWait) = await SharedAsync(contender, prefix + "shared", window);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {contender.Name}{AcquireAttempts.Mark(contender)} | {p50:0} | {p99:0} | {rate:0} | {maxWait:0} |"));
            }

            AcquireAttempts.Report(contenders);
        }
        finally
        {
            foreach (var item in owned.AsEnumerable().Reverse())
            {
                await item.DisposeAsync();
            }
        }
    }

    private static async Task<(double PerSecond, double MaxWaitMs)> SharedAsync(Contender contender, string key, TimeSpan window)
    {
        long acquisitions = 0;
        long maxWaitTicks = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (stop.Elapsed < window)
            {
                var started = Stopwatch.GetTimestamp();
                var handle = await AcquireAttempts.AcquireAsync(contender, "32 tasks on 3 permits", key, TimeSpan.FromSeconds(30));
                var waited = Stopwatch.GetTimestamp() - started;
                long seen;
                while ((seen = Interlocked.Read(ref maxWaitTicks)) < waited && Interlocked.CompareExchange(ref maxWaitTicks, waited, seen) != seen)
                {
                }

                if (handle is not null)
                {
                    await handle.DisposeAsync();
                    Interlocked.Increment(ref acquisitions);
                }
            }
        })));
        return (acquisitions / stop.Elapsed.TotalSeconds, maxWaitTicks * 1000.0 / Stopwatch.Frequency);
    }

    private sealed class FloorSemaphore(IDatabase db) : Contender
    {
        public override string Name => "raw SE.Redis floor (acquire script + release script)";

        public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait)
        {
            var owner = Guid.NewGuid().ToString("N");
            var deadline = DateTime.UtcNow + wait;
            while (!await LuaScripts.FloorSemaphoreAcquireScript.EvaluateAsync(db, key, owner, 30_000, Permits))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return null;
                }

                await Task.Delay(1);
            }

            return new Handle(() => LuaScripts.FloorSemaphoreReleaseScript.EvaluateAsync(db, key, owner));
        }
    }

    private sealed class LocksmithSemaphore(ISemaphoreProvider semaphores, bool fair) : Contender
    {
        public override string Name => fair ? "Locksmith ISemaphoreProvider, Fair = true" : "Locksmith ISemaphoreProvider";

        public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait) =>
            await semaphores.TryAcquireAsync(key, Permits, new SemaphoreOptions { WaitTimeout = wait, Fair = fair });
    }

    private sealed class DistributedLockSemaphore(IDatabase db) : Contender
    {
        public override string Name => "DistributedLock.Redis 1.1.1 RedisDistributedSemaphore";

        public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait) =>
            await new RedisDistributedSemaphore(key, Permits, db).TryAcquireAsync(wait);
    }
}
