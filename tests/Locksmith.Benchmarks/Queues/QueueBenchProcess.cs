using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Locksmith.Benchmarks.Queues;

/// <summary>
/// One simulated process: its own container and Redis connection, the hosted services started and stopped as a host
/// would (the benchmark project does not reference Microsoft.Extensions.Hosting, only its abstractions), and the
/// queue configured with <see cref="QueueBenchWork.Partitions"/> partitions so producers and consumers agree.
/// </summary>
internal sealed class QueueBenchProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private QueueBenchProcess(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public LocksmithRuntime Runtime => _services.GetRequiredService<LocksmithRuntime>();

    public QueueBenchWork Work => _services.GetRequiredService<QueueBenchWork>();

    public QueueBenchRecorder Recorder => _services.GetRequiredService<QueueBenchRecorder>();

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
        var process = new QueueBenchProcess(services);
        foreach (var hosted in process._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return process;
    }

    /// <summary>Stops as a deployment would: consumers finish their items and give their partitions back.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
