using Locksmith.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// One simulated process on the shared mock cluster: its own container, locks in memory and both benchmark queues on
/// the Kafka transport, started and stopped by <see cref="BenchProcess"/>. A producer-only process, or a consumer of
/// <see cref="KafkaBenchWork.ConsumeQueue"/> in a Locksmith group of its own.
/// </summary>
internal sealed class KafkaBenchProcess : BenchProcess
{
    private KafkaBenchProcess(ServiceProvider services)
        : base(services)
    {
    }

    public KafkaBenchWork Work => Services.GetRequiredService<KafkaBenchWork>();

    public KafkaBenchCounter Counter => Services.GetRequiredService<KafkaBenchCounter>();

    /// <summary>
    /// Starts a process; with <paramref name="consumerGroup"/>, it consumes <see cref="KafkaBenchWork.ConsumeQueue"/> in
    /// that Locksmith group (a new group per round, so each round reads the same stored items from the beginning).
    /// </summary>
    public static async Task<KafkaBenchProcess> StartAsync(KafkaMockCluster cluster, string? consumerGroup = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<KafkaBenchCounter>()
            .AddSingleton<KafkaBenchWork>()
            .AddLocksmith(b =>
            {
                b.UseInMemory().UseKafkaMock(cluster);
                b.ConfigureQueue(KafkaBenchWork.EnqueueQueue, q => q with { Transport = LocksmithBuilderKafkaExtensions.TransportName });
                b.ConfigureQueue(KafkaBenchWork.ConsumeQueue, q => q with
                {
                    Transport = LocksmithBuilderKafkaExtensions.TransportName,
                    Group = consumerGroup ?? q.Group,
                });
                if (consumerGroup is not null)
                {
                    b.AddQueueConsumers(o => o.QueueNames.Add(KafkaBenchWork.ConsumeQueue));
                }
            })
            .BuildServiceProvider();
        return await StartAsync(new KafkaBenchProcess(services));
    }
}
