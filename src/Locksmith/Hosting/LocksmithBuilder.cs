using Locksmith.InMemory;
using Locksmith.Backends;
using Locksmith.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Locksmith;

/// <summary>Chooses the backend and the defaults inside <c>services.AddLocksmith(b => ...)</c>.</summary>
public sealed class LocksmithBuilder
{
    internal LocksmithBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection being configured, for backend packages' extension methods.</summary>
    public IServiceCollection Services { get; }

    internal string? Backend { get; private set; }

    private HashSet<string> QueueTransports { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps locks and semaphores in this process's memory: the full semantics (expiry, renewal, fencing, fair waiting)
    /// for one process. The default when no backend is chosen; right for samples, tests and single-instance apps.
    /// </summary>
    /// <returns>This builder.</returns>
    public LocksmithBuilder UseInMemory() => UseBackend("in-memory", services =>
    {
        services.TryAddSingleton(sp => new InMemoryLockStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new InMemoryLockProvider(
            sp.GetRequiredService<InMemoryLockStore>(),
            LeaseClient.FromServices(sp),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocksmithOptions>>()));
        services.TryAddSingleton<ILockProvider>(sp => sp.GetRequiredService<InMemoryLockProvider>());
        services.TryAddSingleton<ISemaphoreProvider>(sp => sp.GetRequiredService<InMemoryLockProvider>());
        services.TryAddSingleton<IQueueTransport>(sp => new InMemoryQueueTransport(sp.GetRequiredService<TimeProvider>(), LocksmithLogging.CreateLogger(sp)));
    });

    /// <summary>Changes the defaults that apply to locks and semaphores taken without explicit options.</summary>
    /// <param name="configure">Sets <see cref="LocksmithOptions.Locks"/> and <see cref="LocksmithOptions.Semaphores"/>.</param>
    /// <returns>This builder.</returns>
    public LocksmithBuilder ConfigureDefaults(Action<LocksmithOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Changes one queue's settings (partitions, group, retries, retention) over the defaults.</summary>
    /// <param name="queue">The queue's name, as in <c>[QueuedBy("orders")]</c>.</param>
    /// <param name="configure">Returns the queue's settings from the defaults, for example <c>q => q with { Partitions = 8 }</c>.</param>
    /// <returns>This builder.</returns>
    public LocksmithBuilder ConfigureQueue(string queue, Func<QueueOptions, QueueOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LocksmithOptions>(o => o.QueueSettings[queue] = configure(o.QueueFor(queue)));
        return this;
    }

    /// <summary>
    /// Makes this process a consumer: a hosted service runs the bodies of queued calls for every queue with a
    /// registered [QueuedBy] method (or those listed in <see cref="QueueConsumerOptions.QueueNames"/>). Without it, the
    /// process only enqueues.
    /// </summary>
    /// <param name="configure">Chooses queues and the consumer's name.</param>
    /// <returns>This builder.</returns>
    public LocksmithBuilder AddQueueConsumers(Action<QueueConsumerOptions>? configure = null)
    {
        var options = Services.AddOptions<QueueConsumerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var services = Services;
        Services.TryAddSingleton(sp => new QueueItemDispatcher(sp, sp.GetRequiredService<LocksmithRuntime>(), services));
        Services.TryAddSingleton(_ => new QueuedAssemblies(services));
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueConsumerService>());
        return this;
    }

    /// <summary>
    /// Registers a queue transport beside the backend's own, under a name that queues route to with
    /// <see cref="QueueOptions.Transport"/>; called by transport packages' <c>Use...</c> methods, such as <c>UseKafka</c>.
    /// </summary>
    /// <param name="name">The name queues route to, such as <c>"kafka"</c>.</param>
    /// <param name="create">Creates the transport, once, from the container.</param>
    /// <returns>This builder.</returns>
    public LocksmithBuilder AddQueueTransport(string name, Func<IServiceProvider, IQueueTransport> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(create);
        if (!QueueTransports.Add(name))
        {
            throw new InvalidOperationException(
                $"A queue transport named \"{name}\" is already registered; register each transport once in AddLocksmith.");
        }

        Services.AddSingleton(sp => new NamedQueueTransport(name, create(sp)));
        return this;
    }

    /// <summary>
    /// Registers a backend; called by backend packages' <c>Use...</c> methods. Only one backend may be chosen, so a
    /// configuration that names two fails here rather than silently using the last one.
    /// </summary>
    /// <param name="name">The backend's name, used in messages.</param>
    /// <param name="register">Registers <see cref="ILockProvider"/> and <see cref="ISemaphoreProvider"/>.</param>
    /// <returns>This builder.</returns>
    public LocksmithBuilder UseBackend(string name, Action<IServiceCollection> register)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(register);
        if (Backend is not null && Backend != name)
        {
            throw new InvalidOperationException(
                $"Locksmith is already configured to use the {Backend} backend; it cannot also use {name}. Call one Use... method in AddLocksmith.");
        }

        if (Backend is null)
        {
            Backend = name;
            register(Services);
        }

        return this;
    }
}
