using System.Reflection;
using Locksmith.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Locksmith;

/// <summary>
/// The services woven methods use, made reachable from code the weaver generated (which cannot take constructor
/// parameters). Registered by <c>AddLocksmith</c>; activated when the host starts, or by
/// <see cref="LocksmithServiceProviderExtensions.ActivateLocksmith"/> in applications without a host.
/// </summary>
public sealed class LocksmithRuntime : IDisposable
{
    private static readonly AsyncLocal<LocksmithRuntime?> FlowRuntime = new();
    private static LocksmithRuntime? s_processRuntime;

    internal LocksmithRuntime(
        ILockProvider locks,
        ISemaphoreProvider semaphores,
        IQueueTransport? defaultQueueTransport,
        IEnumerable<NamedQueueTransport> namedTransports,
        IOptions<LocksmithOptions> options,
        ILogger logger)
    {
        Locks = locks;
        Semaphores = semaphores;
        Options = options.Value;
        QueueRouting = new QueueRouter(Options, defaultQueueTransport, namedTransports);
        Logger = logger;
    }

    /// <summary>The lock provider woven methods use.</summary>
    public ILockProvider Locks { get; }

    /// <summary>The semaphore provider woven methods use.</summary>
    public ISemaphoreProvider Semaphores { get; }

    /// <summary>
    /// The backend's own queue transport, which queues without a <see cref="QueueOptions.Transport"/> travel through;
    /// null when the backend offers none (Redlock). <see cref="QueueTransportFor"/> gives a given queue's.
    /// </summary>
    public IQueueTransport? DefaultQueueTransport => QueueRouting.DefaultTransport;

    internal LocksmithOptions Options { get; }

    /// <summary>Where queues' settings and transports are decided.</summary>
    internal QueueRouter QueueRouting { get; }

    internal ILogger Logger { get; }

    /// <summary>Makes this runtime the one every woven method in the process uses.</summary>
    public void Activate() => Volatile.Write(ref s_processRuntime, this);

    /// <summary>
    /// Makes this runtime the one woven methods use in the current async flow only, until the returned scope is disposed.
    /// Lets tests run containers side by side in one process.
    /// </summary>
    /// <returns>A scope that restores the previous runtime of the flow when disposed.</returns>
    public IDisposable ActivateForCurrentFlow()
    {
        var previous = FlowRuntime.Value;
        FlowRuntime.Value = this;
        return new FlowScope(previous);
    }

    /// <summary>Stops being the process-wide runtime, if it is; woven methods called afterwards fail with an explanation.</summary>
    public void Dispose() => Interlocked.CompareExchange(ref s_processRuntime, null, this);

    /// <summary>The transport <paramref name="queue"/> travels on, as its settings route it.</summary>
    /// <param name="queue">The queue's name.</param>
    /// <returns>The transport.</returns>
    /// <exception cref="InvalidOperationException">The queue is routed to a transport that is not registered, or the backend has none.</exception>
    public IQueueTransport QueueTransportFor(string queue) => QueueRouting.Transport($"Queue \"{queue}\"", QueueRouting.Settings(queue));

    /// <summary>The settings calls to <paramref name="queue"/> use (its <c>ConfigureQueue</c> entry, or the defaults), for transport calls such as replay.</summary>
    /// <param name="queue">The queue's name.</param>
    /// <returns>The settings.</returns>
    public QueueOptions QueueOptionsFor(string queue) => QueueRouting.Settings(queue);

    internal static LocksmithRuntime For(MethodBase method, string attribute) =>
        FlowRuntime.Value ?? Volatile.Read(ref s_processRuntime) ?? throw NotActive(method, attribute);

    private static InvalidOperationException NotActive(MethodBase method, string attribute) =>
        new($"{method.DeclaringType?.Name}.{method.Name} is marked [{attribute}], but no Locksmith runtime is active. " +
            "Register it with services.AddLocksmith(b => b.UseInMemory()) (or UseRedis), then start the host " +
            "(IHost.StartAsync or RunAsync), or without a host call serviceProvider.ActivateLocksmith() after BuildServiceProvider().");

    private sealed class FlowScope(LocksmithRuntime? previous) : IDisposable
    {
        public void Dispose() => FlowRuntime.Value = previous;
    }
}
