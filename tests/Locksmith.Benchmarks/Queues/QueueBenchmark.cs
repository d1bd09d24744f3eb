using System.Globalization;
using Locksmith.Testing;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// `--queues [--quick]`: [QueuedBy] on Redis Streams against a redis-server started here. Enqueue throughput with 64
/// callers against a raw pipelined XADD floor (with bytes allocated and CPU time per item), enqueue-to-body-start latency on a busy
/// and an idle queue, one consumer draining a backlog against a raw XREADGROUP/XACK floor, and consume throughput with
/// 1, 2 and 4 consumer processes. Every process is simulated in this one
/// (its own container and connection), so all of them and redis-server share the machine's cores.
/// </summary>
internal static class QueueBenchmark
{
    public static async Task RunAsync(bool quick, bool drainOnly = false)
    {
        await using var server = await RedisServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{server.EndPoint},allowAdmin=true");
        var version = admin.GetServer(server.EndPoint).Version;
        var window = TimeSpan.FromSeconds(quick ? 1 : 3);
        var rounds = quick ? 1 : 3;
        Console.WriteLine($"redis-server {version} at {server.EndPoint}; {Environment.ProcessorCount} cores; {QueueBenchWork.Partitions} partitions; enqueue window {window.TotalSeconds} s x {rounds} round(s)");
        Console.WriteLine();

        if (drainOnly)
        {
            await DrainAsync(server, rounds, quick ? 64 : 256);
            return;
        }

        await EnqueueAsync(server, admin, window, rounds);
        Console.WriteLine();
        await LatencyAsync(server.EndPoint, quick);
        Console.WriteLine();
        await DrainAsync(server, rounds, quick ? 64 : 256);
        Console.WriteLine();
        await ConsumeAsync(server.EndPoint, quick);
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task EnqueueAsync(RedisServer server, ConnectionMultiplexer admin, TimeSpan window, int rounds)
    {
        await using var producer = await QueueBenchProcess.StartAsync(server.EndPoint, "qenq:", consume: false);
        await using var floorConnection = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        var floor = floorConnection.GetDatabase();
        var pid = server.ProcessId;
        (string Name, Func<TimeSpan, Task<EnqueueThroughput.Result>> Run)[] contenders =
        [
            ("raw SE.Redis XADD floor (id, m, a, k; 8 streams)", w => EnqueueThroughput.FloorAsync(floor, pid, w)),
            ("Locksmith [QueuedBy] (producer only)", w => EnqueueThroughput.LocksmithAsync(producer, pid, w)),
            ("diagnostic: Locksmith IQueueTransport.EnqueueAsync, messages built once", w => EnqueueThroughput.TransportAsync(producer, pid, w)),
        ];

        // Warm-up of each (JIT and tiering, connections, the queue's partition-count check), not recorded.
        foreach (var contender in contenders)
        {
            await contender.Run(TimeSpan.FromSeconds(1));
        }

        var results = contenders.Select(_ => new List<EnqueueThroughput.Result>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            // Rotate which goes first, and start each from empty streams.
            for (var i = 0; i < contenders.Length; i++)
            {
                var next = (round + i) % contenders.Length;
                await admin.GetServer(server.EndPoint).FlushAllDatabasesAsync();
                results[next].Add(await contenders[next].Run(window));
            }
        }

        var floorRate = Median(results[0].Select(r => r.PerSecond));
        Console.WriteLine($"Enqueue, {EnqueueThroughput.Callers} concurrent callers, {window.TotalSeconds} s windows (medians of {rounds} rounds; each round's rate in brackets):");
        Console.WriteLine();
        Console.WriteLine("| contender | items/s | of the floor | bytes allocated per item | client CPU per item (µs) | redis-server CPU per item (µs) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < contenders.Length; i++)
        {
            var rate = Median(results[i].Select(r => r.PerSecond));
            Console.WriteLine(Invariant(
                $"| {contenders[i].Name} | {rate:N0} ({Runs(results[i])}) | {rate / floorRate:0.00}x | {Median(results[i].Select(r => r.BytesPerItem)):N0} | {Median(results[i].Select(r => r.ClientMicroseconds)):0.0} | {Median(results[i].Select(r => r.ServerMicroseconds)):0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"ratio Locksmith / floor: {Median(results[1].Select(r => r.PerSecond)) / floorRate:0.00}x (target at least 0.8x)"));
        Console.WriteLine();

        // The types behind the bytes, from the runtime's sampled allocation events (a separate pass: listening slows it).
        foreach (var (name, run) in contenders.Take(2))
        {
            await admin.GetServer(server.EndPoint).FlushAllDatabasesAsync();
            await AllocationSampler.ReportPerItemAsync(name, async () => (await run(TimeSpan.FromSeconds(1))).BytesPerItem);
        }

        await admin.GetServer(server.EndPoint).FlushAllDatabasesAsync();
    }

    private static async Task DrainAsync(RedisServer server, int rounds, int itemsPerKey)
    {
        var floor = new List<DrainFloor.Result>();
        var locksmith = new List<DrainFloor.Result>();

        // A warm-up of each, not recorded; then rounds that alternate which goes first, each from a fresh backlog.
        for (var round = -1; round < rounds; round++)
        {
            var items = await DrainFloor.StoreAsync(server.EndPoint, $"qdf{round}:", round < 0 ? 8 : itemsPerKey);
            await DrainFloor.StoreAsync(server.EndPoint, $"qdl{round}:", round < 0 ? 8 : itemsPerKey);
            var runFloor = () => DrainFloor.FloorAsync(server.EndPoint, server.ProcessId, $"qdf{round}:", items);
            var runLocksmith = () => DrainFloor.LocksmithAsync(server.EndPoint, server.ProcessId, $"qdl{round}:", items);
            var (first, second) = round % 2 == 0 ? (runFloor, runLocksmith) : (runLocksmith, runFloor);
            var a = await first();
            var b = await second();
            if (round >= 0)
            {
                floor.Add(round % 2 == 0 ? a : b);
                locksmith.Add(round % 2 == 0 ? b : a);
            }
        }

        Console.WriteLine($"Drain a stored backlog of {itemsPerKey * 64:N0} items ({QueueBenchWork.Partitions} partitions, 64 keys), one consumer (medians of {rounds} rounds; each round's rate in brackets):");
        Console.WriteLine();
        Console.WriteLine("| consumer | items/s | of the floor | bytes allocated per item | client CPU per item (µs) | redis-server CPU per item (µs) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var floorRate = Median(floor.Select(r => r.PerSecond));
        foreach (var (name, results) in new[] { ("raw SE.Redis floor: XREADGROUP COUNT 32, count, XACK per item", floor), ("Locksmith consumer (start count, completion script)", locksmith) })
        {
            var rate = Median(results.Select(r => r.PerSecond));
            Console.WriteLine(Invariant(
                $"| {name} | {rate:N0} ({string.Join(", ", results.Select(r => Invariant($"{r.PerSecond:N0}")))}) | {rate / floorRate:0.00}x | {Median(results.Select(r => r.BytesPerItem)):N0} | {Median(results.Select(r => r.ClientMicroseconds)):0.0} | {Median(results.Select(r => r.ServerMicroseconds)):0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"ratio Locksmith / floor: {Median(locksmith.Select(r => r.PerSecond)) / floorRate:0.00}x (target at least 0.6x)"));
        Console.WriteLine();

        // The types behind the consumer's bytes, from the runtime's sampled allocation events (a separate pass: listening slows it).
        var sampled = await DrainFloor.StoreAsync(server.EndPoint, "qds:", itemsPerKey);
        await AllocationSampler.ReportPerItemAsync("Locksmith consumer", async () => (await DrainFloor.LocksmithAsync(server.EndPoint, server.ProcessId, "qds:", sampled)).BytesPerItem);
    }

    private static async Task LatencyAsync(string endPoint, bool quick)
    {
        var rows = await EnqueueLatency.RunAsync(endPoint, quick);
        Console.WriteLine("Enqueue to body start, one consumer process, one caller:");
        Console.WriteLine();
        Console.WriteLine("| schedule | items | p50 (ms) | p99 (ms) | max (ms) | rate kept (items/s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(Invariant($"| {row.Schedule} | {row.Items:N0} | {row.P50:0.00} | {row.P99:0.00} | {row.Max:0.00} | {row.PerSecond:0} |"));
        }
    }

    private static async Task ConsumeAsync(string endPoint, bool quick)
    {
        var itemsPerKey = quick ? 64 : 320;
        var stored = new List<ConsumeThroughput.Row>();
        var settled = new List<ConsumeThroughput.Row>();
        foreach (var consumers in new[] { 1, 2, 4 })
        {
            stored.Add(await ConsumeThroughput.StoredFirstAsync(endPoint, consumers, itemsPerKey));
            settled.Add(await ConsumeThroughput.SettledAsync(endPoint, consumers, itemsPerKey));
        }

        Console.WriteLine($"Consume, {stored[0].Items:N0} items over {QueueBenchWork.Partitions} partitions (64 keys); stored first, then K consumer processes started at once:");
        ConsumeTable(stored, "start to last body (s)");
        Console.WriteLine();
        Console.WriteLine("Same items enqueued by 64 callers into K consumer processes that shared the partitions first (3.5 s after their start):");
        ConsumeTable(settled, "first enqueue to last body (s)");
    }

    private static void ConsumeTable(List<ConsumeThroughput.Row> rows, string timed)
    {
        Console.WriteLine();
        Console.WriteLine($"| consumers | {timed} | items/s | steady items/s (10%-90%) | first body (ms) | items per consumer | out of order, repeated |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(Invariant($"| {row.Consumers} | {row.Seconds:0.00} | {row.PerSecond:N0} | {row.SteadyPerSecond:N0} | {row.FirstBodyMs:0} | {row.Shares} | {row.OutOfOrder}, {row.Extra} |"));
        }
    }

    private static string Runs(IEnumerable<EnqueueThroughput.Result> runs) => string.Join(", ", runs.Select(r => Invariant($"{r.PerSecond:N0}")));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
