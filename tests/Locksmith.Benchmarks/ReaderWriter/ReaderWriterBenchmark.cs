using System.Diagnostics;
using System.Globalization;
using Locksmith.Testing;
using Medallion.Threading.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.ReaderWriter;

/// <summary>
/// Reader-writer locks on one redis-server, Locksmith's IReaderWriterLockProvider beside DistributedLock.Redis's
/// RedisDistributedReaderWriterLock, in the same run: read throughput with 16 readers on one key, and how long a writer
/// waits while 16 readers keep reading (each holding about 5 ms, taking the read again at once).
/// </summary>
internal static class ReaderWriterBenchmark
{
    private const int Readers = 16;

    public static async Task RunAsync(bool quick)
    {
        await using var server = await RedisServer.StartAsync();
        var window = TimeSpan.FromSeconds(quick ? 2 : 5);
        await using var locksmith = new ServiceCollection().AddLocksmith(b => b.UseRedis(server.EndPoint)).BuildServiceProvider();
        await using var peer = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        var contenders = new Contender[]
        {
            new LocksmithContender(locksmith.GetRequiredService<IReaderWriterLockProvider>()),
            new DistributedLockContender(peer.GetDatabase()),
        };

        Console.WriteLine($"redis-server {server.EndPoint}; {Environment.ProcessorCount} cores; window {window.TotalSeconds} s; {Readers} readers");
        Console.WriteLine();
        Console.WriteLine("| contender | 16 readers: reads/s | read p50 (ms) | read p99 (ms) | writer under read load: writes | wait p50 (ms) | wait max (ms) | reads/s meanwhile |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var index = 0;
        foreach (var contender in contenders)
        {
            var prefix = $"rw{index++}:";
            var reads = await ReadThroughputAsync(contender, prefix + "reads", window);
            var writes = await WriterUnderLoadAsync(contender, prefix + "writes", window);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {contender.Name} | {reads.PerSecond:0} | {reads.P50:0.00} | {reads.P99:0.00} | {writes.Writes} | {writes.WaitP50:0} | {writes.WaitMax:0} | {writes.ReadsPerSecond:0} |"));
        }
    }

    private static async Task<(double PerSecond, double P50, double P99)> ReadThroughputAsync(Contender contender, string key, TimeSpan window)
    {
        var latencies = new List<double>[Readers];
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Readers).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = [];
            while (stop.Elapsed < window)
            {
                var started = Stopwatch.GetTimestamp();
                await (await contender.ReadAsync(key)).DisposeAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return (all.Count / stop.Elapsed.TotalSeconds, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
    }

    private static async Task<(int Writes, double WaitP50, double WaitMax, double ReadsPerSecond)> WriterUnderLoadAsync(
        Contender contender, string key, TimeSpan window)
    {
        long reads = 0;
        using var stopping = new CancellationTokenSource();
        var stop = Stopwatch.StartNew();
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                await using (await contender.ReadAsync(key))
                {
                    await Task.Delay(5);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToList();

        // Let the read load settle, then ask for the write lock again and again, 100 ms after each release.
        await Task.Delay(200);
        var waits = new List<double>();
        while (stop.Elapsed < window + TimeSpan.FromMilliseconds(200))
        {
            var started = Stopwatch.GetTimestamp();
            await using (await contender.WriteAsync(key))
            {
                waits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await Task.Delay(100);
        }

        var elapsed = stop.Elapsed;
        await stopping.CancelAsync();
        await Task.WhenAll(readers);
        waits.Sort();
        return (waits.Count, waits.Count == 0 ? double.NaN : waits[waits.Count / 2], waits.Count == 0 ? double.NaN : waits[^1], reads / elapsed.TotalSeconds);
    }

    private abstract class Contender
    {
        public abstract string Name { get; }

        public abstract Task<IAsyncDisposable> ReadAsync(string key);

        public abstract Task<IAsyncDisposable> WriteAsync(string key);
    }

    private sealed class LocksmithContender(IReaderWriterLockProvider rw) : Contender
    {
        private static readonly LockOptions Options = new() { WaitTimeout = TimeSpan.FromSeconds(60) };

        public override string Name => "Locksmith IReaderWriterLockProvider";

        public override async Task<IAsyncDisposable> ReadAsync(string key) => await rw.AcquireReadAsync(key, Options);

        public override async Task<IAsyncDisposable> WriteAsync(string key) => await rw.AcquireWriteAsync(key, Options);
    }

    private sealed class DistributedLockContender(IDatabase db) : Contender
    {
        public override string Name => "DistributedLock.Redis 1.1.1 RedisDistributedReaderWriterLock";

        public override async Task<IAsyncDisposable> ReadAsync(string key) =>
            await new RedisDistributedReaderWriterLock(key, db).AcquireReadLockAsync(TimeSpan.FromSeconds(60));

        public override async Task<IAsyncDisposable> WriteAsync(string key) =>
            await new RedisDistributedReaderWriterLock(key, db).AcquireWriteLockAsync(TimeSpan.FromSeconds(60));
    }
}
