using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// One simulated process (<see cref="BenchProcess"/>) with its own Redis connection, and the queue configured with <see cref="QueueBenchWork.Partitions"/> partitions so producers and consumers agree.
/// </summary>
internal sealed class QueueBenchProcess : BenchProcess
{
    private QueueBenchProcess(ServiceProvider services)
        : base(services)
    {
    }

    public QueueBenchWork Work => Services.GetRequiredService<QueueBenchWork>();

    public QueueBenchRecorder Recorder => Services.GetRequiredService<QueueBenchRecorder>();

    /// <summary>Starts a process using keys under <paramref name="prefix"/>; a consumer of every queue when <paramref name="consume"/>.</summary>
    public static async Task<QueueBenchProcess> StartAsync(string endPoint, string prefix, bool consume, QueueBenchRecorder? total = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(new QueueBenchRecorder(total))
            .AddSingleton<QueueBenchWork>()
            .AddLocksmith(b =>
            {
                b.UseRedis(endPoint).ConfigureRedis(o => o.KeyPrefix = prefix);
                b.ConfigureQueue(QueueBenchWork.Queue, q => q with { Partitions = QueueBenchWork.Partitions });
                if (consume)
                {
                    b.AddQueueConsumers();
                }
            })
            .BuildServiceProvider();
        return await StartAsync(new QueueBenchProcess(services));
    }
}
