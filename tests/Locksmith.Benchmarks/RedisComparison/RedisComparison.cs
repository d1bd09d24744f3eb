using System.Diagnostics;
using System.Globalization;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.RedisComparison;

/// <summary>
/// Every contender in one run against one redis-server started here: uncontended latency, throughput on distinct keys,
/// behaviour under contention on one key, and thousands of leases renewed at once. `--redis-compare [--quick]`.
/// </summary>
internal static class RedisComparison
{
    public static async Task RunAsync(bool quick, string? only = null)
    {
        await using var server = await RedisServer.StartAsync();
        if (only == "redlock")
        {
            await RedlockComparison.RunAsync(server.EndPoint, quick ? 500 : 5_000, TimeSpan.FromSeconds(quick ? 2 : 5));
            return;
        }

        if (only == "semaphores")
        {
            await SemaphoreComparison.RunAsync(server.EndPoint, quick ? 500 : 5_000, TimeSpan.FromSeconds(quick ? 2 : 5));
            return;
        }

        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{server.EndPoint},allowAdmin=true");
        var (contenders, owned) = await ContenderSet.CreateAsync(server.EndPoint);
        var latencyIterations = quick ? 500 : 5_000;
        var window = TimeSpan.FromSeconds(quick ? 2 : 5);
        Console.WriteLine($"redis-server {server.EndPoint}; {Environment.ProcessorCount} cores; window {window.TotalSeconds} s; {latencyIterations} latency iterations");
        Console.WriteLine();

        Console.WriteLine("| contender | uncontended p50 (µs) | p99 (µs) | 64 distinct keys (cycles/s) | 16 on one key: acquisitions/s | transfers/s | re-won by releaser | gap p50 (ms) | gap p99 (ms) | max wait (ms) | SET per acquisition |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var index = 0;
        foreach (var contender in contenders)
        {
            var prefix = $"c{index++}:";
            var (p50, p99) = await LatencyAsync(contender, prefix + "solo", latencyIterations);
            var cycles = await DistinctKeysAsync(contender, prefix + "distinct", window);
            var contention = await ContentionAsync(contender, admin.GetServer(server.EndPoint), prefix + "hot", window);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {contender.Name}{AcquireAttempts.Mark(contender)} | {p50:0} | {p99:0} | {cycles:0} | {contention.AcquisitionsPerSecond:0} | {contention.TransfersPerSecond:0} | {contention.ReWonShare:P0} | {contention.GapP50:0.00} | {contention.GapP99:0.00} | {contention.MaxWait:0} | {contention.SetsPerAcquisition:0.00} |"));
        }

        AcquireAttempts.Report(contenders);
        Console.WriteLine();
        await ManyLeasesAsync(server.EndPoint, admin, quick ? 2_000 : 10_000);

        Console.WriteLine();
        await RedlockComparison.RunAsync(server.EndPoint, latencyIterations, window);

        Console.WriteLine();
        await SemaphoreComparison.RunAsync(server.EndPoint, latencyIterations, window);

        foreach (var item in owned.AsEnumerable().Reverse())
        {
            await item.DisposeAsync();
        }
    }

    /// <summary>
    /// Acquire+release on one key, one after another. A refused attempt is retried (<see cref="AcquireAttempts"/>), the
    /// pause counted in that sample; a sample refused every time is left out and reported after the table.
    /// </summary>
    internal static async Task<(double P50, double P99)> LatencyAsync(Contender contender, string key, int iterations)
    {
        var samples = new List<double>(iterations);
        for (var i = -iterations / 10; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var handle = await AcquireAttempts.AcquireAsync(contender, "uncontended", key, TimeSpan.FromSeconds(10), AcquireAttempts.UncontendedAttempts);
            if (handle is null)
            {
                continue;
            }

            await handle.DisposeAsync();
            if (i >= 0)
            {
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }

        var sorted = samples.Order().ToArray();
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    internal static async Task<double> DistinctKeysAsync(Contender contender, string prefix, TimeSpan window)
    {
        long cycles = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(t => Task.Run(async () =>
        {
            while (stop.Elapsed < window)
            {
                var handle = await AcquireAttempts.AcquireAsync(contender, "64 distinct keys", $"{prefix}:{t}", TimeSpan.FromSeconds(10));
                if (handle is not null)
                {
                    await handle.DisposeAsync();
                    Interlocked.Increment(ref cycles);
                }
            }
        })));
        return cycles / stop.Elapsed.TotalSeconds;
    }

    private static async Task<ContentionResult> ContentionAsync(Contender contender, IServer server, string key, TimeSpan window)
    {
        var events = new List<(int Task, long Acquired, long Released, double WaitMs)>();
        var gate = new object();
        var setsBefore = SetCalls(server);
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            while (stop.Elapsed < window)
            {
                var asked = Stopwatch.GetTimestamp();
                var handle = await AcquireAttempts.AcquireAsync(contender, "16 on one key", key, window + TimeSpan.FromSeconds(5));
                if (handle is null)
                {
                    continue;
                }

                var acquired = Stopwatch.GetTimestamp();
                await Task.Yield(); // a little work while holding the lock
                var released = Stopwatch.GetTimestamp();
                await handle.DisposeAsync();
                lock (gate)
                {
                    events.Add((t, acquired, released, Stopwatch.GetElapsedTime(asked, acquired).TotalMilliseconds));
                }

                // Ask again at once, as a busy worker would: this is what lets polling locks starve the others.
            }
        })));
        var elapsed = stop.Elapsed.TotalSeconds;
        var sets = SetCalls(server) - setsBefore;

        events.Sort((a, b) => a.Acquired.CompareTo(b.Acquired));
        var transfers = 0;
        var gaps = new List<double>();
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Task != events[i - 1].Task)
            {
                transfers++;
            }

            gaps.Add(Stopwatch.GetElapsedTime(events[i - 1].Released, events[i].Acquired).TotalMilliseconds);
        }

        var sortedGaps = gaps.Order().ToArray();
        return new ContentionResult(
            events.Count / elapsed,
            transfers / elapsed,
            events.Count <= 1 ? 0 : 1 - (transfers / (double)(events.Count - 1)),
            Percentile(sortedGaps, 0.50),
            Percentile(sortedGaps, 0.99),
            events.Count == 0 ? 0 : events.Max(e => e.WaitMs),
            events.Count == 0 ? 0 : sets / (double)events.Count);
    }

    /// <summary>SET commands the server ran, including those inside scripts (Redis counts them per command).</summary>
    private static long SetCalls(IServer server)
    {
        var stats = server.Info("commandstats").SelectMany(g => g).FirstOrDefault(p => p.Key == "cmdstat_set").Value;
        if (stats is null)
        {
            return 0;
        }

        var calls = stats.Split(',')[0].Split('=')[1];
        return long.Parse(calls, CultureInfo.InvariantCulture);
    }

    private static async Task ManyLeasesAsync(string endpoint, ConnectionMultiplexer admin, int count)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(connection)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var ttl = TimeSpan.FromSeconds(2);
        var leases = new List<ILockLease>(count);
        var taking = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(500))
        {
            leases.AddRange(await Task.WhenAll(chunk.Select(i => locks.AcquireAsync($"many:{i}", new LockOptions { Ttl = ttl }).AsTask())));
        }

        var took = taking.Elapsed;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        await Task.Delay(ttl * 3);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var lost = leases.Count(l => l.IsLost);
        var db = admin.GetDatabase();
        var present = 0;
        foreach (var chunk in Enumerable.Range(0, count).Chunk(1000))
        {
            var exists = await Task.WhenAll(chunk.Select(i => db.KeyExistsAsync($"ls:lock:{{many:{i}}}")));
            present += exists.Count(e => e);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} Locksmith leases (TTL {ttl.TotalSeconds} s, renewed every {ttl.TotalSeconds / 3:0.00} s) held for 3x TTL: taken in {took.TotalSeconds:0.00} s; {count - lost:N0} still held, {present:N0} keys present in Redis; process CPU while holding: {cpu.TotalMilliseconds:0} ms over {(ttl * 3).TotalSeconds} s ({cpu.TotalMilliseconds / (ttl * 3).TotalMilliseconds:P1} of one core)."));
        foreach (var lease in leases)
        {
            await lease.DisposeAsync();
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record ContentionResult(
        double AcquisitionsPerSecond, double TransfersPerSecond, double ReWonShare, double GapP50, double GapP99, double MaxWait, double SetsPerAcquisition);
}
