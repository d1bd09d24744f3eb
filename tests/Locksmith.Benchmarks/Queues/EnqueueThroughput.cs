using System.Diagnostics;
using System.Text;
using Locksmith.Benchmarks.BulkLoad;
using Locksmith.Queues;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// 64 callers enqueueing as fast as their awaits allow, each on its own partition key (8 keys per partition): through
/// the woven <see cref="QueueBenchWork.RecordAsync"/> in a producer-only process, and the raw floor, 64 tasks doing
/// StackExchange.Redis <c>XADD</c>s of the same fields (id, m, a, k) to 8 streams, pipelined by the multiplexer. A
/// third, diagnostic contender calls the transport directly with messages built once, to split the gap between the
/// transport and what comes before it (weaving, serializing the arguments).
/// </summary>
internal static class EnqueueThroughput
{
    public const int Callers = 64;

    /// <summary>
    /// Items per second over the window; bytes the whole process allocated per item; CPU time per item of this process
    /// and of redis-server (from /proc, 10 ms ticks), steadier than the rate on a shared machine.
    /// </summary>
    public sealed record Result(double PerSecond, double BytesPerItem, double ClientMicroseconds, double ServerMicroseconds);

    /// <summary>Enqueues through the woven method of <paramref name="producer"/>.</summary>
    public static async Task<Result> LocksmithAsync(QueueBenchProcess producer, int serverPid, TimeSpan window)
    {
        var keys = QueueBenchWork.Keys(Callers / QueueBenchWork.Partitions);
        var work = producer.Work;

        // The callers' tasks start inside the activated flow, so the woven calls find this process's runtime.
        using var flow = producer.Runtime.ActivateForCurrentFlow();
        return await CallersAsync(serverPid, window, (caller, n) => work.RecordAsync(keys[caller], n));
    }

    /// <summary>The floor: what any producer writing the same entry must cost, without routing, weaving or wake-ups.</summary>
    public static Task<Result> FloorAsync(IDatabase db, int serverPid, TimeSpan window)
    {
        var keys = QueueBenchWork.Keys(Callers / QueueBenchWork.Partitions);
        var streams = Enumerable.Range(0, QueueBenchWork.Partitions).Select(p => (RedisKey)$"floor:q:{{{QueueBenchWork.Queue}:{p}}}").ToArray();
        RedisValue method = QueuedMethodId.For(typeof(QueueBenchWork), nameof(QueueBenchWork.RecordAsync), [typeof(string), typeof(int)]);
        return CallersAsync(serverPid, window, (caller, n) =>
        {
            var key = keys[caller];
            return db.StreamAddAsync(streams[caller / (Callers / QueueBenchWork.Partitions)],
            [
                new("id", Guid.NewGuid().ToString("N")),
                new("m", method),
                new("a", Encoding.UTF8.GetBytes($"[\"{key}\",{n}]")),
                new("k", key),
            ]);
        });
    }

    /// <summary>Diagnostic: the transport alone, with one message per caller built once (no weaving, no serialization).</summary>
    public static async Task<Result> TransportAsync(QueueBenchProcess producer, int serverPid, TimeSpan window)
    {
        var keys = QueueBenchWork.Keys(Callers / QueueBenchWork.Partitions);
        var transport = producer.Runtime.DefaultQueueTransport()!;
        var options = producer.Runtime.QueueOptionsFor(QueueBenchWork.Queue);
        var method = QueuedMethodId.For(typeof(QueueBenchWork), nameof(QueueBenchWork.RecordAsync), [typeof(string), typeof(int)]);
        var messages = keys.Select(k => new QueueMessage(QueueMessage.NewId(), QueueBenchWork.Queue, method, Encoding.UTF8.GetBytes($"[\"{k}\",1]"), k, false)).ToArray();
        return await CallersAsync(serverPid, window, (caller, _) => transport.EnqueueAsync(messages[caller], options, CancellationToken.None).AsTask());
    }

    private static async Task<Result> CallersAsync(int serverPid, TimeSpan window, Func<int, int, Task> call)
    {
        var clientCpu = ToolRun.ReadCpuSeconds(Environment.ProcessId);
        var serverCpu = ToolRun.ReadCpuSeconds(serverPid);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var n = 0;
            while (clock.Elapsed < window)
            {
                await call(caller, n);
                n++;
            }

            return n;
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        clientCpu = ToolRun.ReadCpuSeconds(Environment.ProcessId) - clientCpu;
        serverCpu = ToolRun.ReadCpuSeconds(serverPid) - serverCpu;
        var items = counts.Sum();
        return new Result(items / seconds, allocated / (double)items, clientCpu * 1e6 / items, serverCpu * 1e6 / items);
    }
}
