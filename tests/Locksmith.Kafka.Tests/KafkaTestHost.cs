using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Locksmith.Kafka.Tests;

/// <summary>A simulated process: its own host and container, locks in memory, queues on a shared mock Kafka cluster.</summary>
internal sealed class KafkaTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _disposed;

    private KafkaTestHost(IHost host)
    {
        _host = host;
    }

    public LocksmithRuntime Runtime => _host.Services.GetRequiredService<LocksmithRuntime>();

    public static async Task<KafkaTestHost> StartAsync(
        KafkaMockCluster cluster, KafkaJournal journal, string name, string[] consume, Action<KafkaQueueOptions>? kafka = null)
    {
        var host = new HostBuilder().ConfigureServices(s =>
        {
            // Warnings (a retried transaction, a restarted consumer) show in the test output when a test fails.
            s.AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            s.AddSingleton(journal);
            s.AddSingleton(new ProcessTag(name));
            s.AddSingleton<KafkaWork>();
            s.AddLocksmith(b =>
            {
                b.UseInMemory().UseKafkaMock(cluster, kafka);
                b.ConfigureQueueDefaults(o => o.Defaults = o.Defaults with
                {
                    Transport = LocksmithBuilderKafkaExtensions.TransportName,
                    VisibilityTimeout = TimeSpan.FromSeconds(3),
                    RetryDelay = TimeSpan.FromMilliseconds(10),
                    MaxRetryDelay = TimeSpan.FromMilliseconds(50),
                });
                b.ConfigureQueue("k-local", q => q with { Transport = null });
                if (consume.Length > 0)
                {
                    b.AddQueueConsumers(o => o.QueueNames.UnionWith(consume));
                }
            });
        }).Build();
        await host.StartAsync();
        return new KafkaTestHost(host);
    }

    /// <summary>Calls the work in this process's flow, as code running in it would.</summary>
    public async Task CallAsync(Func<KafkaWork, Task> call)
    {
        using var flow = Runtime.ActivateForCurrentFlow();
        await call(_host.Services.GetRequiredService<KafkaWork>());
    }

    /// <summary>Stops as a deployment would: running bodies get a grace period, completed work is committed, the group is left.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _host.StopAsync();
        _host.Dispose();
    }
}
