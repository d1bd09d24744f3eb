using System.Globalization;
using Confluent.Kafka;
using Locksmith.Kafka;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// `--kafka [--quick]`: [QueuedBy] on the Kafka transport against raw Confluent.Kafka, in one run on one librdkafka mock
/// cluster of 3 brokers started here. Enqueue throughput with 64 callers (with bytes allocated and CPU time per item),
/// and end-to-end consume throughput of stored items by one consumer. The mock brokers, the producers and the consumers
/// all run in this process and share the machine's cores, so both sides pay for the brokers alike; rounds alternate
/// raw and Locksmith and the best of each is reported, since a shared machine mostly makes runs slower, not faster.
/// </summary>
internal static class KafkaBenchmark
{
    private const string RawEnqueueTopic = "raw.bench-kafka";
    private const string RawConsumeTopic = "raw.bench-kafka-consume";

    public static async Task RunAsync(bool quick, bool drainOnly)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        using var cluster = KafkaMockCluster.Start(brokers: 3);
        var enqueued = quick ? 20_000 : 100_000;
        var stored = quick ? 10_000 : 50_000;
        var rounds = quick ? 2 : 3;
        Console.WriteLine(Invariant(
            $"librdkafka {Library.VersionString} mock cluster, 3 brokers at {cluster.BootstrapServers}; {Environment.ProcessorCount} cores; Confluent.Kafka {typeof(Library).Assembly.GetName().Version}; {rounds} rounds per side, alternating, best reported"));
        Console.WriteLine();

        await using var producer = await KafkaBenchProcess.StartAsync(cluster);
        using var raw = KafkaRawClients.Producer(cluster.BootstrapServers);
        if (drainOnly)
        {
            await ConsumeAsync(cluster, producer, raw, stored, rounds, cancel.Token);
            return;
        }

        await EnqueueAsync(producer, raw, enqueued, rounds, cancel.Token);
        Console.WriteLine();
        await ConsumeAsync(cluster, producer, raw, stored, rounds, cancel.Token);
        Console.WriteLine();
        await PipelineAsync(cluster, producer, raw, stored, rounds, cancel.Token);
    }

    private static async Task PipelineAsync(
        KafkaMockCluster cluster, KafkaBenchProcess producer, IProducer<byte[]?, byte[]> raw, int items, int rounds, CancellationToken cancellationToken)
    {
        var rawRates = new List<double>();
        var ourRates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            rawRates.Add(await KafkaPipelineThroughput.RawAsync(cluster, raw, $"raw.bench-kafka-pipeline.r{round}", items, cancellationToken));
            ourRates.Add(await KafkaPipelineThroughput.LocksmithAsync(cluster, producer, $"pipeline-r{round}", items, cancellationToken));
        }

        Console.WriteLine(Invariant($"End to end, {items:N0} items enqueued by {KafkaEnqueueThroughput.Callers} callers while one consumer (already joined) runs them; first enqueue to last item processed (best of {rounds} rounds):"));
        Console.WriteLine();
        Console.WriteLine("| contender | items/s | of raw |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(Invariant($"| raw Confluent.Kafka producer + consume loop | {rawRates.Max():N0} ({Rates(rawRates)}) | 1.00x |"));
        Console.WriteLine(Invariant($"| Locksmith [QueuedBy] enqueue + consumer | {ourRates.Max():N0} ({Rates(ourRates)}) | {ourRates.Max() / rawRates.Max():0.00}x |"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"ratio Locksmith / raw, end to end: {ourRates.Max() / rawRates.Max():0.00}x (target at least 0.8x)"));
    }

    private static async Task EnqueueAsync(KafkaBenchProcess producer, IProducer<byte[]?, byte[]> raw, int items, int rounds, CancellationToken cancellationToken)
    {
        (string Name, Func<int, Task<KafkaEnqueueThroughput.Result>> Run)[] contenders =
        [
            ("raw Confluent.Kafka ProduceAsync (same producer settings)", n => KafkaEnqueueThroughput.RawAsync(raw, RawEnqueueTopic, n, cancellationToken)),
            ("Locksmith [QueuedBy] SendAsync (producer only)", n => KafkaEnqueueThroughput.LocksmithAsync(producer, n)),
        ];

        // Warm-up of each (JIT and tiering, connections, creating the topics on the mock, Locksmith's partition lookup).
        foreach (var contender in contenders)
        {
            await contender.Run(5_000);
        }

        var results = contenders.Select(_ => new List<KafkaEnqueueThroughput.Result>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < contenders.Length; i++)
            {
                results[i].Add(await contenders[i].Run(items));
            }
        }

        var best = results.Select(r => r.MaxBy(x => x.PerSecond)!).ToArray();
        Console.WriteLine(Invariant($"Enqueue, {items:N0} items by {KafkaEnqueueThroughput.Callers} concurrent callers (best of {rounds} rounds; every round's rate in brackets):"));
        Console.WriteLine();
        Console.WriteLine("| contender | items/s | of raw | bytes allocated per item | process CPU per item (µs, mock brokers included) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < contenders.Length; i++)
        {
            Console.WriteLine(Invariant(
                $"| {contenders[i].Name} | {best[i].PerSecond:N0} ({Rates(results[i].Select(r => r.PerSecond))}) | {best[i].PerSecond / best[0].PerSecond:0.00}x | {best[i].BytesPerItem:N0} | {best[i].CpuMicroseconds:0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"ratio Locksmith / raw, enqueue: {best[1].PerSecond / best[0].PerSecond:0.00}x (target at least 0.8x)"));
        Console.WriteLine();

        // The types behind Locksmith's bytes, from the runtime's sampled allocation events (a separate pass: listening slows it).
        await AllocationSampler.ReportPerItemAsync(contenders[1].Name, async () => (await contenders[1].Run(Math.Min(items, 20_000))).BytesPerItem);
    }

    private static async Task ConsumeAsync(
        KafkaMockCluster cluster, KafkaBenchProcess producer, IProducer<byte[]?, byte[]> raw, int items, int rounds, CancellationToken cancellationToken)
    {
        // Stored once; every round reads them again in a new consumer group.
        await KafkaEnqueueThroughput.RawAsync(raw, RawConsumeTopic, items, cancellationToken);
        await KafkaEnqueueThroughput.FillLocksmithAsync(producer, items);

        var rawRows = new List<KafkaConsumeThroughput.Row>();
        var ourRows = new List<KafkaConsumeThroughput.Row>();
        for (var round = 0; round < rounds; round++)
        {
            rawRows.Add(await KafkaConsumeThroughput.RawAsync(cluster.BootstrapServers, RawConsumeTopic, $"raw.bench-kafka-consume.r{round}", items, cancellationToken));
            ourRows.Add(await KafkaConsumeThroughput.LocksmithAsync(cluster, $"r{round}", items, cancellationToken));
        }

        var rawBest = rawRows.MaxBy(r => r.PerSecond)!;
        var ourBest = ourRows.MaxBy(r => r.PerSecond)!;
        Console.WriteLine(Invariant($"Consume, {items:N0} stored items, one consumer in a new group per round (best of {rounds} rounds; every round's rate in brackets)."));
        Console.WriteLine("Timed from the first record processed (first body run for Locksmith) to all offsets committed: joining the group is EXCLUDED from both sides and shown apart.");
        Console.WriteLine();
        Console.WriteLine("| contender | items/s | of raw | first record to last processed (s) | first record to all committed (s) | group join, excluded (s) | process CPU per item (µs, mock brokers included) | cores busy | repeated |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(ConsumeRow("raw Confluent.Kafka consume loop (parse JSON, commit every 1,000 / 100 ms)", rawBest, rawRows, rawBest));
        Console.WriteLine(ConsumeRow("Locksmith [QueuedBy] consumer (woven body counts)", ourBest, ourRows, rawBest));
        Console.WriteLine();
        Console.WriteLine(Invariant($"ratio Locksmith / raw, consume: {ourBest.PerSecond / rawBest.PerSecond:0.00}x (target at least 0.8x)"));
    }

    private static string ConsumeRow(string name, KafkaConsumeThroughput.Row best, List<KafkaConsumeThroughput.Row> all, KafkaConsumeThroughput.Row reference) =>
        Invariant($"| {name} | {best.PerSecond:N0} ({Rates(all.Select(r => r.PerSecond))}) | {best.PerSecond / reference.PerSecond:0.00}x | {best.ProcessedSeconds:0.00} | {best.CommittedSeconds:0.00} | {best.JoinSeconds:0.0} | {best.CpuMicroseconds:0.0} | {best.Cores:0.00} | {all.Sum(r => r.Extra)} |");

    private static string Rates(IEnumerable<double> rates) => string.Join(", ", rates.Select(r => Invariant($"{r:N0}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
