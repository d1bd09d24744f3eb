using Locksmith.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// One simulated process on the shared mock cluster: its own container, locks in memory and both benchmark queues on
/// the Kafka transport, the hosted services started and stopped as a host would (as <c>Queues/QueueBenchProcess</c>
/// does; the project references only the hosting abstractions). A producer-only process, or a consumer of
/// <see cref="KafkaBenchWork.ConsumeQueue"/> in a Locksmith group of its own.
/// </summary>
internal sealed class KafkaBenchProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private KafkaBenchProcess(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public LocksmithRuntime Runtime => _services.GetRequiredService<LocksmithRuntime>();

    public KafkaBenchWork Work => _services.GetRequiredService<KafkaBenchWork>();

    public KafkaBenchCounter Counter => _services.GetRequiredService<KafkaBenchCounter>();

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
                    b.AddQueueConsumers(o => o.Queues.Add(KafkaBenchWork.ConsumeQueue));
                }
            })
            .BuildServiceProvider();
        var process = new KafkaBenchProcess(services);
        foreach (var hosted in process._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return process;
    }

    /// <summary>Stops as a deployment would: the consumer finishes, commits and leaves its group; the producer flushes.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
