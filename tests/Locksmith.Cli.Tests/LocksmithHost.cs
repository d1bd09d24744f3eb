using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Locksmith.Cli.Tests;

/// <summary>A Locksmith process on Redis, in-process, with its own connection: what the inspect tests make state through.</summary>
internal sealed class LocksmithHost : IAsyncDisposable
{
    private readonly IHost _host;

    private LocksmithHost(IHost host)
    {
        _host = host;
    }

    public ILockProvider Locks => _host.Services.GetRequiredService<ILockProvider>();

    public ISemaphoreProvider Semaphores => _host.Services.GetRequiredService<ISemaphoreProvider>();

    public IRateLimiterProvider RateLimiters => _host.Services.GetRequiredService<IRateLimiterProvider>();

    /// <summary>Starts a host; <paramref name="consume"/> names the queues it consumes.</summary>
    public static async Task<LocksmithHost> StartAsync(string endPoint, string prefix, params string[] consume)
    {
        var host = new HostBuilder().ConfigureServices(s =>
        {
            var redis = ConnectionMultiplexer.Connect(endPoint);
            s.AddSingleton<IConnectionMultiplexer>(redis);
            s.AddSingleton<InspectedWork>();
            s.AddLocksmith(b =>
            {
                b.UseRedis(redis).ConfigureRedis(o => o.KeyPrefix = prefix);
                b.ConfigureQueue(InspectedWork.Backlog, q => q with { Partitions = 2 });
                if (consume.Length > 0)
                {
                    b.AddQueueConsumers(o => o.QueueNames.UnionWith(consume));
                }
            });
        }).Build();
        await host.StartAsync();
        return new LocksmithHost(host);
    }

    /// <summary>Calls a woven method in this host's flow, as code running in this process would.</summary>
    public async Task CallAsync(Func<InspectedWork, Task> call)
    {
        using var flow = _host.Services.GetRequiredService<LocksmithRuntime>().ActivateForCurrentFlow();
        await call(_host.Services.GetRequiredService<InspectedWork>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.Services.GetRequiredService<IConnectionMultiplexer>().DisposeAsync();
        _host.Dispose();
    }
}
