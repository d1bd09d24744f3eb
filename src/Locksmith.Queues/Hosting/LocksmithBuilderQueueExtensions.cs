using Locksmith.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Locksmith;

/// <summary>Queue settings, consumers and transports, chosen inside <c>services.AddLocksmith(b => ...)</c>.</summary>
public static class LocksmithBuilderQueueExtensions
{
    /// <summary>Changes the settings every queue starts from, and how calls are written.</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="configure">Sets <see cref="LocksmithQueueOptions.Defaults"/> and <see cref="LocksmithQueueOptions.Serializer"/>.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder ConfigureQueueDefaults(this LocksmithBuilder builder, Action<LocksmithQueueOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddSettings(builder.Services).Configure(configure);
        return builder;
    }

    /// <summary>Changes one queue's settings (partitions, group, retries, retention) over the defaults.</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="queue">The queue's name, as in <c>[QueuedBy("orders")]</c>.</param>
    /// <param name="configure">Returns the queue's settings from the defaults, for example <c>q => q with { Partitions = 8 }</c>.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder ConfigureQueue(this LocksmithBuilder builder, string queue, Func<QueueOptions, QueueOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentNullException.ThrowIfNull(configure);
        AddSettings(builder.Services).Configure(o => o.Settings[queue] = configure(o.For(queue)));
        return builder;
    }

    /// <summary>
    /// Makes this process a consumer: a hosted service runs the bodies of queued calls for every queue with a
    /// registered [QueuedBy] method (or those listed in <see cref="QueueConsumerOptions.QueueNames"/>). Without it, the
    /// process only enqueues.
    /// </summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="configure">Chooses queues and the consumer's name.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder AddQueueConsumers(this LocksmithBuilder builder, Action<QueueConsumerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<QueueConsumerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new QueueItemDispatcher(sp, sp.GetRequiredService<LocksmithRuntime>(), services));
        services.TryAddSingleton(_ => new QueuedAssemblies(services));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueConsumerService>());
        return builder;
    }

    /// <summary>
    /// Registers a queue transport beside the backend's own, under a name that queues route to with
    /// <see cref="QueueOptions.Transport"/>; called by transport packages' <c>Use...</c> methods, such as <c>UseKafka</c>.
    /// </summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="name">The name queues route to, such as <c>"kafka"</c>.</param>
    /// <param name="create">Creates the transport, once, from the container.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder AddQueueTransport(this LocksmithBuilder builder, string name, Func<IServiceProvider, IQueueTransport> create)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(create);
        var names = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(QueueTransportNames))?.ImplementationInstance as QueueTransportNames;
        if (names is null)
        {
            names = new QueueTransportNames();
            builder.Services.AddSingleton(names);
        }

        if (!names.Add(name))
        {
            throw new InvalidOperationException(
                $"A queue transport named \"{name}\" is already registered; register each transport once in AddLocksmith.");
        }

        builder.Services.AddSingleton(sp => new NamedQueueTransport(name, create(sp)));
        return builder;
    }

    private static OptionsBuilder<LocksmithQueueOptions> AddSettings(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocksmithQueueOptions>, LocksmithQueueOptionsValidator>());
        return services.AddOptions<LocksmithQueueOptions>().ValidateOnStart();
    }

    /// <summary>The transport names registered in one service collection, so a second registration of a name fails at once.</summary>
    private sealed class QueueTransportNames : HashSet<string>
    {
        public QueueTransportNames()
            : base(StringComparer.Ordinal)
        {
        }
    }
}
