using Locksmith.Redis.QueueConsumer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>An in-process Locksmith host on Redis with its own key prefix, as a producer or a consumer.</summary>
internal sealed class QueueTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private QueueTestHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public LocksmithRuntime Runtime => Services.GetRequiredService<LocksmithRuntime>();

    public static async Task<QueueTestHost> StartAsync(string endpoint, string prefix, bool consume, Action<IServiceCollection>? services = null, Action<LocksmithBuilder>? configure = null)
    {
        var host = new HostBuilder().ConfigureServices(s =>
        {
            var redis = ConnectionMultiplexer.Connect(endpoint + ",abortConnect=false");
            s.AddSingleton<IConnectionMultiplexer>(redis);
            s.AddSingleton(new CrashWorkSettings(prefix));
            s.AddSingleton<CrashWork>();
            services?.Invoke(s);
            s.AddLocksmith(b =>
            {
                b.UseRedis(redis).ConfigureRedis(o => o.KeyPrefix = prefix);
                b.ConfigureQueueDefaults(o => o.Defaults = o.Defaults with { VisibilityTimeout = TimeSpan.FromSeconds(2), IdlePollInterval = TimeSpan.FromMilliseconds(100) });
                configure?.Invoke(b);
                if (consume)
                {
                    b.AddQueueConsumers();
                }
            });
        }).Build();
        await host.StartAsync();
        return new QueueTestHost(host);
    }

    /// <summary>Calls a woven method in this host's flow, as code running in this process would.</summary>
    public async Task CallAsync<TService>(Func<TService, Task> call)
        where TService : notnull
    {
        using var flow = Runtime.ActivateForCurrentFlow();
        await call(Services.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await Services.GetRequiredService<IConnectionMultiplexer>().DisposeAsync();
        _host.Dispose();
    }
}
