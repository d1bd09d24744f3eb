using System.Diagnostics;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>A partition's lease under a network partition: the cut-off consumer's body stops before another consumer takes over.</summary>
[Collection(TimingSensitive.Name)]
public sealed class QueuePartitionFaultTests
{
    [Fact]
    public async Task A_blackholed_consumers_body_is_cancelled_before_another_consumer_takes_its_partition()
    {
        await using var server = await RedisServer.StartAsync();
        await using var proxy = FaultProxy.Start(server.Port);
        var prefix = $"qp{Guid.NewGuid().ToString("N")[..6]}:";
        var clock = Stopwatch.StartNew();
        var (cutOffTimeline, takeOverTimeline) = (new HeldWork.Timeline(clock), new HeldWork.Timeline(clock));
        Action<IServiceCollection> Work(HeldWork.Timeline timeline) => s => s.AddSingleton(timeline).AddSingleton<HeldWork>();
        void OnePartition(LocksmithBuilder b) => b.ConfigureQueue(HeldWork.Queue, q => q with { Partitions = 1 });

        // The partition lease's TTL is the visibility timeout: 2 s in these hosts.
        var cutOff = await QueueTestHost.StartAsync(proxy.EndPoint, prefix, consume: true, Work(cutOffTimeline), OnePartition);
        try
        {
            await using (var producer = await QueueTestHost.StartAsync(server.EndPoint, prefix, consume: false, Work(new HeldWork.Timeline(clock)), OnePartition))
            {
                await producer.CallAsync<HeldWork>(w => w.HoldAsync("k", CancellationToken.None));
            }

            await cutOffTimeline.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            proxy.Blackhole();
            await using var takeOver = await QueueTestHost.StartAsync(server.EndPoint, prefix, consume: true, Work(takeOverTimeline), OnePartition);

            var takenOverAt = await takeOverTimeline.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(cutOffTimeline.Cancelled.Task.IsCompleted, $"Another consumer ran the partition at {takenOverAt.TotalMilliseconds:F0} ms while the cut-off consumer's body still ran uncancelled.");
            var cancelledAt = await cutOffTimeline.Cancelled.Task;
            Assert.True(cancelledAt < takenOverAt, $"The cut-off body was cancelled at {cancelledAt.TotalMilliseconds:F0} ms, after the take-over at {takenOverAt.TotalMilliseconds:F0} ms.");
        }
        finally
        {
            proxy.Heal();
            await cutOff.DisposeAsync();
        }
    }
}
