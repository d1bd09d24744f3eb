// Benchmarks. Full run:  dotnet run -c Release --project tests/Locksmith.Benchmarks
// Quick run (CI-safe, no timing assertions): add -- --quick
// Bytes per call only, in seconds: add -- --alloc
// Redis locks side by side with peers (starts its own redis-server): add -- --redis-compare [--quick]
// Only the Redlock rows (Locksmith single server as the reference, Locksmith Redlock, RedLock.net): add -- --redis-compare --redlock-only
// Only the semaphore rows (floor, Locksmith plain and fair, DistributedLock's semaphore): add -- --redis-compare --semaphores-only
// [QueuedBy] on Redis Streams: enqueue against a raw XADD floor, enqueue-to-body latency, 1/2/4 consumers: add -- --queues [--quick]
// Only the Redis Streams backlog drain rows: add -- --queues --drain-only [--quick]
// [QueuedBy] on Kafka (librdkafka's mock cluster) against raw Confluent.Kafka: enqueue and consume throughput: add -- --kafka [--quick]
// Only the Kafka backlog drain rows: add -- --kafka --drain-only [--quick]
// Reader-writer locks against DistributedLock.Redis's: 16 readers' throughput, writer wait under read load: add -- --rw-locks [--quick]
// Distributed rate limits: per-acquire overhead against .NET's TokenBucketRateLimiter, accuracy at window edges against a
// hand-written INCR+PEXPIRE fixed window (starts its own redis-server): add -- --rate-limits [--quick]
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Locksmith.Benchmarks;

if (args.Contains("--redis-compare"))
{
    await Locksmith.Benchmarks.RedisComparison.RedisComparison.RunAsync(
        args.Contains("--quick"), args.Contains("--redlock-only") ? "redlock" : args.Contains("--semaphores-only") ? "semaphores" : null);
    return;
}

if (args.Contains("--rw-locks"))
{
    await Locksmith.Benchmarks.ReaderWriter.ReaderWriterBenchmark.RunAsync(args.Contains("--quick"));
    return;
}

if (args.Contains("--queues"))
{
    await Locksmith.Benchmarks.Queues.QueueBenchmark.RunAsync(args.Contains("--quick"), args.Contains("--drain-only"));
    return;
}

if (args.Contains("--kafka"))
{
    await Locksmith.Benchmarks.Kafka.KafkaBenchmark.RunAsync(args.Contains("--quick"), args.Contains("--drain-only"));
    return;
}

if (args.Contains("--rate-limits"))
{
    await Locksmith.Benchmarks.RateLimits.RateLimitBenchmark.RunAsync(args.Contains("--quick"));
    return;
}

if (args.Contains("--bulk-load"))
{
    await Locksmith.Benchmarks.BulkLoad.BulkLoadBenchmark.RunAsync(args.Contains("--quick"));
    return;
}

if (args.Contains("--alloc"))
{
    AllocationProbe.Run();
    return;
}

var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
var config = DefaultConfig.Instance
    .WithOptions(ConfigOptions.JoinSummary)
    .AddJob(quick
        ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1)
        : Job.Default);
BenchmarkSwitcher.FromAssembly(typeof(WeavingBenchmarks).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
