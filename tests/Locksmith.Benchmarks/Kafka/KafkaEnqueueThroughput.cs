using System.Diagnostics;
using Confluent.Kafka;
using Locksmith.Benchmarks.BulkLoad;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// A fixed number of items sent by 64 concurrent callers, each awaiting one send after another on its own partition key:
/// through the woven <see cref="KafkaBenchWork.SendAsync"/> in a producer-only process, and raw, 64 tasks awaiting
/// <see cref="IProducer{TKey, TValue}.ProduceAsync(string, Message{TKey, TValue}, CancellationToken)"/> of the same key
/// and JSON value on a producer with the same settings, to a topic of its own. Timed from the first send to the last
/// acknowledgement.
/// </summary>
internal static class KafkaEnqueueThroughput
{
    public const int Callers = 64;

    /// <summary>
    /// Items per second; bytes the whole process allocated per item (the mock brokers are native, so not counted);
    /// CPU time of the whole process per item, which includes the in-process mock brokers.
    /// </summary>
    public sealed record Result(double PerSecond, double BytesPerItem, double CpuMicroseconds);

    /// <summary>Enqueues <paramref name="items"/> through the woven method of <paramref name="producer"/>.</summary>
    public static async Task<Result> LocksmithAsync(KafkaBenchProcess producer, int items)
    {
        var work = producer.Work;

        // The callers' tasks start inside the activated flow, so the woven calls find this process's runtime.
        using var flow = producer.Runtime.ActivateForCurrentFlow();
        return await CallersAsync(items, (key, n) => work.SendAsync(key, n));
    }

    /// <summary>Sends <paramref name="items"/> records with the raw producer to <paramref name="topic"/>.</summary>
    public static Task<Result> RawAsync(IProducer<byte[]?, byte[]> producer, string topic, int items, CancellationToken cancellationToken) =>
        CallersAsync(items, (key, n) => producer.ProduceAsync(topic, KafkaRawClients.Record(key, n), cancellationToken));

    /// <summary>Enqueues the consume benchmark's items through the woven <see cref="KafkaBenchWork.CountAsync"/>.</summary>
    public static async Task<Result> FillLocksmithAsync(KafkaBenchProcess producer, int items)
    {
        var work = producer.Work;
        using var flow = producer.Runtime.ActivateForCurrentFlow();
        return await CallersAsync(items, (key, n) => work.CountAsync(key, n));
    }

    private static async Task<Result> CallersAsync(int items, Func<string, int, Task> call)
    {
        var cpu = ToolRun.ReadCpuSeconds(Environment.ProcessId);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var next = -1;
        var clock = Stopwatch.StartNew();

        // Callers take item numbers from one counter, so exactly `items` are sent however the callers' speeds differ.
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var key = KafkaBenchWork.Keys[caller];
            for (var n = Interlocked.Increment(ref next); n < items; n = Interlocked.Increment(ref next))
            {
                await call(key, n);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        cpu = ToolRun.ReadCpuSeconds(Environment.ProcessId) - cpu;
        return new Result(items / seconds, allocated / (double)items, cpu * 1e6 / items);
    }
}
