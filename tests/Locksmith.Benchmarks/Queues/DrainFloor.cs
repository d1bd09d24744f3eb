using System.Diagnostics;
using Locksmith.Benchmarks.BulkLoad;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// One consumer draining a stored backlog (8 partitions, 64 keys), against the floor any Redis Streams consumer pays:
/// a raw StackExchange.Redis loop per partition, XREADGROUP COUNT 32, a trivial body (count the item), then an awaited
/// XACK per item. Locksmith adds per item what exactly-once completion needs (the start count, the completion script
/// with its finished record) on top. Both drain the same entries, written by the same Locksmith producer under their
/// own key prefixes; timed from the consumer's start to the last item.
/// </summary>
internal static class DrainFloor
{
    private const string Group = "default";

    /// <summary>Items per second; bytes this process allocated per item; client and redis-server CPU per item.</summary>
    public sealed record Result(double PerSecond, double BytesPerItem, double ClientMicroseconds, double ServerMicroseconds);

    /// <summary>The raw loop over a backlog stored under <paramref name="prefix"/>.</summary>
    public static async Task<Result> FloorAsync(string endPoint, int serverPid, string prefix, int items)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endPoint);
        var db = connection.GetDatabase();
        var streams = Enumerable.Range(0, QueueBenchWork.Partitions).Select(p => (RedisKey)$"{prefix}q:{{{QueueBenchWork.Queue}:{p}}}").ToArray();
        long drained = 0;
        return await MeasureAsync(serverPid, items, () => Task.WhenAll(streams.Select(stream => Task.Run(async () =>
        {
            await db.StreamCreateConsumerGroupAsync(stream, Group, "0-0");
            while (true)
            {
                var entries = await db.StreamReadGroupAsync(stream, Group, "raw", ">", 32);
                if (entries.Length == 0)
                {
                    return;
                }

                foreach (var entry in entries)
                {
                    Interlocked.Increment(ref drained);
                    await db.StreamAcknowledgeAsync(stream, Group, entry.Id);
                }
            }
        }))), () => Interlocked.Read(ref drained));
    }

    /// <summary>One Locksmith consumer process over a backlog stored under <paramref name="prefix"/>.</summary>
    public static async Task<Result> LocksmithAsync(string endPoint, int serverPid, string prefix, int items)
    {
        var recorder = new QueueBenchRecorder();
        QueueBenchProcess? consumer = null;
        try
        {
            return await MeasureAsync(
                serverPid,
                items,
                async () =>
                {
                    consumer = await QueueBenchProcess.StartAsync(endPoint, prefix, consume: true, recorder);
                    while (recorder.Runs < items)
                    {
                        await Task.Delay(1);
                    }
                },
                () => recorder.Runs);
        }
        finally
        {
            if (consumer is not null)
            {
                await consumer.DisposeAsync();
            }
        }
    }

    /// <summary>Stores <paramref name="itemsPerKey"/> items for each of the 64 keys under <paramref name="prefix"/>, through the woven method.</summary>
    public static async Task<int> StoreAsync(string endPoint, string prefix, int itemsPerKey)
    {
        var keys = QueueBenchWork.Keys(8);
        await using var producer = await QueueBenchProcess.StartAsync(endPoint, prefix, consume: false);
        using var flow = producer.Runtime.ActivateForCurrentFlow();
        var work = producer.Work;
        await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            for (var n = 0; n < itemsPerKey; n++)
            {
                await work.RecordAsync(key, n);
            }
        })));
        return keys.Length * itemsPerKey;
    }

    private static async Task<Result> MeasureAsync(int serverPid, int items, Func<Task> drain, Func<long> drained)
    {
        var clientCpu = ToolRun.ReadCpuSeconds(Environment.ProcessId);
        var serverCpu = ToolRun.ReadCpuSeconds(serverPid);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await drain().WaitAsync(TimeSpan.FromMinutes(2));
        var seconds = clock.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        clientCpu = ToolRun.ReadCpuSeconds(Environment.ProcessId) - clientCpu;
        serverCpu = ToolRun.ReadCpuSeconds(serverPid) - serverCpu;
        if (drained() != items)
        {
            throw new InvalidOperationException($"Drained {drained()} of {items} items.");
        }

        return new Result(items / seconds, allocated / (double)items, clientCpu * 1e6 / items, serverCpu * 1e6 / items);
    }
}
