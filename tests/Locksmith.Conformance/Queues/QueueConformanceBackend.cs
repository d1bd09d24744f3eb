using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Locksmith.Conformance.Queues;

/// <summary>
/// What the queue suite needs from a transport: simulated processes (each its own host and container, sharing the
/// transport's storage) and a look at the dead letters.
/// </summary>
public abstract class QueueConformanceBackend : IAsyncDisposable
{
    /// <summary>The queues <see cref="QueueProbe"/> uses.</summary>
    public static IReadOnlyList<string> SuiteQueues { get; } = ["cf-work", "cf-results", "cf-poison", "cf-flaky", "cf-chain", "cf-chain-next"];

    /// <summary>Chooses the backend in a process's builder.</summary>
    protected abstract void Use(LocksmithBuilder builder);

    /// <summary>The default consumer group's name.</summary>
    public static string DefaultGroup { get; } = new QueueOptions().Group;

    /// <summary>The dead letters of <paramref name="queue"/> in <paramref name="group"/>, across its partitions.</summary>
    public abstract ValueTask<IReadOnlyList<QueueDeadLetter>> DeadLettersAsync(string queue, int partitions, string group);

    /// <summary>
    /// Starts a process: a host whose container uses the backend, consuming every queue when <paramref name="consume"/>
    /// as a member of <paramref name="group"/> (the default group when null).
    /// </summary>
    public async Task<QueueProcess> StartProcessAsync(QueueJournal journal, bool consume, string? group = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton(journal);
                services.AddSingleton<QueueProbe>();
                services.AddLocksmith(b =>
                {
                    Use(b);
                    b.ConfigureQueueDefaults(o => o.Defaults = o.Defaults with
                    {
                        RetryDelay = TimeSpan.FromMilliseconds(10),
                        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
                        VisibilityTimeout = TimeSpan.FromSeconds(3),
                        IdlePollInterval = TimeSpan.FromMilliseconds(200),
                        Group = group ?? DefaultGroup,
                    });
                    b.ConfigureQueue("cf-work", q => q with { Partitions = 4 });
                    b.ConfigureQueue("cf-results", q => q with { MaxAttempts = 2 });
                    b.ConfigureQueue("cf-chain", q => q with { MaxAttempts = 2 });
                    if (consume)
                    {
                        // Only the suite's queues: a test assembly may declare other [QueuedBy] methods for its own tests.
                        b.AddQueueConsumers(o => o.QueueNames.UnionWith(SuiteQueues));
                    }
                });
            })
            .Build();
        await host.StartAsync();
        return new QueueProcess(host);
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A dead-lettered item.</summary>
public sealed record QueueDeadLetter(string ItemId, string ErrorType, string Error, int Attempts);

/// <summary>One simulated process.</summary>
public sealed class QueueProcess(IHost host) : IAsyncDisposable
{
    /// <summary>The process's runtime.</summary>
    public LocksmithRuntime Runtime { get; } = host.Services.GetRequiredService<LocksmithRuntime>();

    /// <summary>The probe, called in this process.</summary>
    public async Task<T> CallAsync<T>(Func<QueueProbe, Task<T>> call)
    {
        using var flow = Runtime.ActivateForCurrentFlow();
        return await call(host.Services.GetRequiredService<QueueProbe>());
    }

    /// <summary>The probe, called in this process.</summary>
    public async Task CallAsync(Func<QueueProbe, Task> call)
    {
        using var flow = Runtime.ActivateForCurrentFlow();
        await call(host.Services.GetRequiredService<QueueProbe>());
    }

    /// <summary>Stops the process as a deployment would: consumers finish and give their partitions back.</summary>
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
