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

    private readonly Dictionary<string, IQueueTransport> _transportsByName;

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
        DefaultQueueTransport = defaultQueueTransport;
        _transportsByName = namedTransports.ToDictionary(t => t.Name, t => t.Transport, StringComparer.Ordinal);
        Options = options.Value;
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
    public IQueueTransport? DefaultQueueTransport { get; }

    internal LocksmithOptions Options { get; }

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
    public IQueueTransport QueueTransportFor(string queue) => QueueTransport($"Queue \"{queue}\"", Options.QueueFor(queue));

    internal IQueueTransport QueueTransport(string where, QueueOptions options)
    {
        if (options.Transport is null)
        {
            return DefaultQueueTransport ?? throw new InvalidOperationException(
                $"{where}: the configured backend has no queue transport. Redlock's independent masters cannot hold one stream together; " +
                "use UseRedis (one server or a Cluster) or UseInMemory for queues, or route the queue to Kafka " +
                "(b.UseKafka(...).ConfigureQueue(name, q => q with { Transport = \"kafka\" })).");
        }

        return _transportsByName.TryGetValue(options.Transport, out var transport) ? transport : throw new InvalidOperationException(
            $"{where}: the queue is routed to the transport \"{options.Transport}\", but no transport of that name is registered " +
            $"(registered: {(_transportsByName.Count == 0 ? "none" : string.Join(", ", _transportsByName.Keys))}). Register it in AddLocksmith, " +
            "for example b.UseKafka(bootstrapServers) for \"kafka\", or correct QueueOptions.Transport.");
    }

    /// <summary>The settings calls to <paramref name="queue"/> use (its <c>ConfigureQueue</c> entry, or the defaults), for transport calls such as replay.</summary>
    /// <param name="queue">The queue's name.</param>
    /// <returns>The settings.</returns>
    public QueueOptions QueueOptionsFor(string queue) => Options.QueueFor(queue);

    /// <summary>The settings of <paramref name="queue"/>, with a method's attribute values over the configured ones.</summary>
    internal QueueOptions QueueOptions(string queue, QueuedByAttribute? attribute)
    {
        var options = Options.QueueFor(queue);
        if (attribute is { MaxAttempts: > 0 })
        {
            options = options with { MaxAttempts = attribute.MaxAttempts };
        }

        if (attribute is { MaxConcurrency: > 0 })
        {
            options = options with { MaxConcurrency = attribute.MaxConcurrency };
        }

        return options;
    }

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
