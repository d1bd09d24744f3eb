using System.Runtime.CompilerServices;
using Locksmith.Backends;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Locksmith.Queues;

/// <summary>
/// What queued calls need from one <see cref="LocksmithRuntime"/>: the queue settings, the router and the logger, made
/// once per runtime from its container. The in-memory backend's transport is made here too, so producers and consumers
/// of one container share it.
/// </summary>
internal sealed class QueueRuntime
{
    private static readonly ConditionalWeakTable<LocksmithRuntime, QueueRuntime> ByRuntime = [];

    private QueueRuntime(LocksmithRuntime runtime)
    {
        var services = runtime.Services;
        Options = services.GetService<IOptions<LocksmithQueueOptions>>()?.Value ?? new LocksmithQueueOptions();
        Logger = LocksmithLogging.CreateLogger(services);
        var backendTransport = services.GetService<IQueueTransport>()
            ?? (runtime.Backend == LocksmithBuilder.InMemoryBackendName
                ? new InMemoryQueueTransport(services.GetRequiredService<TimeProvider>(), Logger)
                : null);
        Router = new QueueRouter(Options, backendTransport, services.GetServices<NamedQueueTransport>());
    }

    public LocksmithQueueOptions Options { get; }

    public QueueRouter Router { get; }

    public ILogger Logger { get; }

    public static QueueRuntime Of(LocksmithRuntime runtime) => ByRuntime.GetValue(runtime, static r => new QueueRuntime(r));
}
