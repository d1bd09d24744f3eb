using Locksmith.Queues;

namespace Locksmith;

/// <summary>Queue lookups on a <see cref="LocksmithRuntime"/>, for transport calls such as replay and redrive.</summary>
public static class LocksmithRuntimeQueueExtensions
{
    /// <summary>The transport <paramref name="queue"/> travels on, as its settings route it.</summary>
    /// <param name="runtime">The runtime.</param>
    /// <param name="queue">The queue's name.</param>
    /// <returns>The transport.</returns>
    /// <exception cref="InvalidOperationException">The queue is routed to a transport that is not registered, or the backend has none.</exception>
    public static IQueueTransport QueueTransportFor(this LocksmithRuntime runtime, string queue)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var router = QueueRuntime.Of(runtime).Router;
        return router.Transport($"Queue \"{queue}\"", router.Settings(queue));
    }

    /// <summary>The settings calls to <paramref name="queue"/> use (its <c>ConfigureQueue</c> entry, or the defaults).</summary>
    /// <param name="runtime">The runtime.</param>
    /// <param name="queue">The queue's name.</param>
    /// <returns>The settings.</returns>
    public static QueueOptions QueueOptionsFor(this LocksmithRuntime runtime, string queue)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return QueueRuntime.Of(runtime).Router.Settings(queue);
    }

    /// <summary>
    /// The backend's own queue transport, which queues without a <see cref="QueueOptions.Transport"/> travel through;
    /// null when the backend offers none (Redlock).
    /// </summary>
    /// <param name="runtime">The runtime.</param>
    /// <returns>The transport, or null.</returns>
    public static IQueueTransport? DefaultQueueTransport(this LocksmithRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return QueueRuntime.Of(runtime).Router.DefaultTransport;
    }
}
