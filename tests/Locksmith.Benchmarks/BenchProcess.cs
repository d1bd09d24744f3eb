using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Locksmith.Benchmarks;

/// <summary>
/// A simulated process of a queue benchmark: its own container, with the hosted services started and stopped as a host
/// would (the benchmark project references only the hosting abstractions, not Microsoft.Extensions.Hosting).
/// </summary>
internal abstract class BenchProcess : IAsyncDisposable
{
    private readonly IHostedService[] _hosted;

    protected BenchProcess(ServiceProvider services)
    {
        Services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public LocksmithRuntime Runtime => Services.GetRequiredService<LocksmithRuntime>();

    protected ServiceProvider Services { get; }

    /// <summary>Stops as a deployment would: consumers finish their items, commit and give their partitions back.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
    }

    /// <summary>Starts the hosted services (Locksmith's activation, the consumers) in registration order.</summary>
    protected static async Task<TProcess> StartAsync<TProcess>(TProcess process)
        where TProcess : BenchProcess
    {
        foreach (var hosted in process._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return process;
    }
}
