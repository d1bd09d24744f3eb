using System.Reflection;
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
        IServiceProvider services,
        string backend,
        ILockProvider locks,
        ISemaphoreProvider semaphores,
        IOptions<LocksmithOptions> options,
        ILogger logger,
        IReaderWriterLockProvider? readerWriterLocks = null)
    {
        ReaderWriterLocks = readerWriterLocks;
        Services = services;
        Backend = backend;
        Locks = locks;
        Semaphores = semaphores;
        Options = options.Value;
        Logger = logger;
    }

    /// <summary>The container this runtime came from, where feature packages (queues) find their own services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The name of the chosen backend, as registered by its <c>Use...</c> method (<see cref="LocksmithBuilder.InMemoryBackendName"/>, <c>"redis"</c>...).</summary>
    public string Backend { get; }

    /// <summary>The lock provider woven methods use.</summary>
    public ILockProvider Locks { get; }

    /// <summary>The semaphore provider woven methods use.</summary>
    public ISemaphoreProvider Semaphores { get; }

    /// <summary>The reader-writer lock provider woven methods use; null when the backend offers none.</summary>
    internal IReaderWriterLockProvider? ReaderWriterLocks { get; }

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

    /// <summary>
    /// The runtime a woven method uses in the current flow: the flow's own (<see cref="ActivateForCurrentFlow"/>), else the
    /// process's (<see cref="Activate"/>); for feature packages' advices.
    /// </summary>
    /// <param name="method">The woven method, named in the error.</param>
    /// <param name="attribute">The attribute's name without brackets, named in the error.</param>
    /// <returns>The runtime.</returns>
    /// <exception cref="InvalidOperationException">No runtime is active; the message says how to activate one.</exception>
    public static LocksmithRuntime Current(MethodBase method, string attribute) =>
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
