using System.Diagnostics;
using System.Threading.RateLimiting;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.RateLimits;

/// <summary>
/// `--rate-limits [--quick]`: Locksmith's distributed limiters against a redis-server started here.
/// Overhead: the latency of one granted acquire (sequential) and the throughput of 16 concurrent callers, for .NET's
/// in-process <see cref="TokenBucketRateLimiter"/>, Locksmith's in-memory and Redis limiters, and a hand-written
/// INCR+PEXPIRE round trip as the network floor. Accuracy: a burst straddling a window boundary (the classic fixed-window
/// failure), counting what each limiter admits against a budget of 100 per second.
/// </summary>
internal static class RateLimitBenchmark
{
    private const int Callers = 16;
    private const int Budget = 100;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The floor for a one-script decision: the same two commands as the pipelined floor, inside one script.</summary>
    private const string FixedWindowScript = "local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n";

    public static async Task RunAsync(bool quick)
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        await using var redisServices = new ServiceCollection().AddLocksmith(b => b.UseRedis(redis)).BuildServiceProvider();
        await using var memoryServices = new ServiceCollection().AddLocksmith().BuildServiceProvider();
        var onRedis = redisServices.GetRequiredService<IRateLimiterProvider>();
        var inMemory = memoryServices.GetRequiredService<IRateLimiterProvider>();
        Console.WriteLine($"redis-server {redis.GetServer(server.EndPoint).Version} at {server.EndPoint}; {Environment.ProcessorCount} cores");
        Console.WriteLine();

        await OverheadAsync(redis.GetDatabase(), onRedis, inMemory, quick ? 2_000 : 20_000, TimeSpan.FromSeconds(quick ? 1 : 3));
        Console.WriteLine();
        await BoundaryAsync(redis.GetDatabase(), onRedis, quick ? 3 : 10);
    }

    private static async Task OverheadAsync(IDatabase db, IRateLimiterProvider onRedis, IRateLimiterProvider inMemory, int sequential, TimeSpan window)
    {
        // Budgets far above what the run can spend, so every acquire is granted: this measures the cost of asking.
        var huge = new DistributedTokenBucketOptions { TokenLimit = int.MaxValue / 2, TokensPerPeriod = int.MaxValue / 2, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
        var hugeWindow = new DistributedSlidingWindowOptions { PermitLimit = DistributedSlidingWindowOptions.MaxPermitLimit, Window = TimeSpan.FromMilliseconds(100) };
        var run = Guid.NewGuid().ToString("N")[..6];
        using var local = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = int.MaxValue / 2, TokensPerPeriod = int.MaxValue / 2, ReplenishmentPeriod = TimeSpan.FromSeconds(1), AutoReplenishment = true, QueueLimit = 0,
        });
        using var memoryBucket = inMemory.CreateTokenBucket("bench:mem:" + run, huge);
        using var redisBucket = onRedis.CreateTokenBucket("bench:bucket:" + run, huge);
        using var redisWindow = onRedis.CreateSlidingWindow("bench:window:" + run, hugeWindow);
        var counter = 0L;
        (string Name, Func<ValueTask<bool>> Acquire)[] contenders =
        [
            (".NET TokenBucketRateLimiter (in-process)", async () => { using var l = await local.AcquireAsync(1); return l.IsAcquired; }),
            ("Locksmith token bucket, in-memory backend", async () => { using var l = await memoryBucket.AcquireAsync(1); return l.IsAcquired; }),
            ("hand-written INCR + PEXPIRE (pipelined), the Redis floor", async () =>
            {
                var key = "bench:fixed:" + run + ":" + (Interlocked.Increment(ref counter) / 1000);
                var incr = db.StringIncrementAsync(key);
                _ = db.KeyExpireAsync(key, TimeSpan.FromSeconds(1), flags: CommandFlags.FireAndForget);
                return await incr > 0;
            }),
            ("hand-written INCR + PEXPIRE as one Lua script (EVALSHA), the script floor", async () =>
            {
                var key = "bench:fixedlua:" + run + ":" + (Interlocked.Increment(ref counter) / 1000);
                return (long)(await db.ScriptEvaluateAsync(FixedWindowScript, [key], [1000])) > 0;
            }),
            ("Locksmith token bucket, Redis", async () => { using var l = await redisBucket.AcquireAsync(1); return l.IsAcquired; }),
            ("Locksmith sliding window, Redis", async () => { using var l = await redisWindow.AcquireAsync(1); return l.IsAcquired; }),
        ];

        Console.WriteLine($"Per-acquire overhead: {sequential} sequential granted acquires (latency), then {Callers} concurrent callers for {window.TotalSeconds} s (throughput):");
        Console.WriteLine();
        Console.WriteLine("| contender | p50 (µs) | p99 (µs) | mean (µs) | acquires/s, 16 callers |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, acquire) in contenders)
        {
            for (var i = 0; i < 200; i++)
            {
                await acquire();
            }

            var samples = new double[sequential];
            for (var i = 0; i < sequential; i++)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await acquire())
                {
                    throw new InvalidOperationException($"{name} refused a permit; the overhead run must only measure grants.");
                }

                samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }

            Array.Sort(samples);
            var done = 0L;
            var until = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < until)
                {
                    await acquire();
                    Interlocked.Increment(ref done);
                }
            })));
            Console.WriteLine($"| {name} | {At(samples, 0.5):0.#} | {At(samples, 0.99):0.#} | {samples.Average():0.#} | {done / window.TotalSeconds:0} |");
        }
    }

    private static async Task BoundaryAsync(IDatabase db, IRateLimiterProvider onRedis, int rounds)
    {
        var burst = TimeSpan.FromMilliseconds(300);
        Console.WriteLine($"Accuracy at the window edge: budget {Budget} per {Window.TotalSeconds} s; {Callers} callers send as fast as they can for {burst.TotalMilliseconds} ms");
        Console.WriteLine($"straddling a window boundary (from 150 ms before it), on a fresh key; {rounds} rounds. Any {Window.TotalSeconds} s window may hold at most {Budget}.");
        Console.WriteLine();
        Console.WriteLine("| contender | admitted in the burst: min | max | over the budget |");
        Console.WriteLine("|---|---:|---:|---:|");
        (string Name, Func<string, Func<Task<bool>>> Make)[] contenders =
        [
            ("hand-written fixed window (INCR + PEXPIRE, window = client clock / 1 s)", key => () => FixedWindowAsync(db, key)),
            ("Locksmith sliding window, Redis", key =>
            {
                var limiter = onRedis.CreateSlidingWindow(key, new() { PermitLimit = Budget, Window = Window });
                return async () => { using var l = await limiter.AcquireAsync(1); return l.IsAcquired; };
            }),
            ("Locksmith token bucket (capacity 100, 100/s), Redis", key =>
            {
                var limiter = onRedis.CreateTokenBucket(key, new() { TokenLimit = Budget, TokensPerPeriod = Budget, ReplenishmentPeriod = Window });
                return async () => { using var l = await limiter.AcquireAsync(1); return l.IsAcquired; };
            }),
        ];

        foreach (var (name, make) in contenders)
        {
            var admitted = new List<int>();
            for (var round = 0; round < rounds; round++)
            {
                var acquire = make($"edge:{Guid.NewGuid():N}");

                // Start 150 ms before the next whole second of the clock the fixed window counts with.
                var now = DateTimeOffset.UtcNow;
                var boundary = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(now.Millisecond > 700 ? 2 : 1);
                await Task.Delay(boundary - TimeSpan.FromMilliseconds(150) - DateTimeOffset.UtcNow);
                var count = 0;
                var until = Stopwatch.GetTimestamp() + (long)(burst.TotalSeconds * Stopwatch.Frequency);
                await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
                {
                    while (Stopwatch.GetTimestamp() < until)
                    {
                        if (await acquire())
                        {
                            Interlocked.Increment(ref count);
                        }
                    }
                })));
                admitted.Add(count);
            }

            Console.WriteLine($"| {name} | {admitted.Min()} | {admitted.Max()} | {Math.Max(0, admitted.Max() - Budget)} |");
        }
    }

    /// <summary>The fixed window as it is often written: a counter per window of the client's clock, INCR then PEXPIRE.</summary>
    private static async Task<bool> FixedWindowAsync(IDatabase db, string key)
    {
        var windowKey = $"{key}:{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / (long)Window.TotalMilliseconds}";
        var count = await db.StringIncrementAsync(windowKey);
        if (count == 1)
        {
            await db.KeyExpireAsync(windowKey, Window);
        }

        return count <= Budget;
    }

    private static double At(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
