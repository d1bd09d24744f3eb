namespace Locksmith.Queues;

/// <summary>
/// The one place a queue's settings and transport are decided: the configured settings (its <c>ConfigureQueue</c>
/// entry, else the defaults) with a method's attribute values on top, and the transport those settings route it to.
/// </summary>
internal sealed class QueueRouter
{
    private readonly LocksmithQueueOptions _options;
    private readonly Dictionary<string, IQueueTransport> _transportsByName;

    public QueueRouter(LocksmithQueueOptions options, IQueueTransport? defaultTransport, IEnumerable<NamedQueueTransport> namedTransports)
    {
        _options = options;
        DefaultTransport = defaultTransport;
        _transportsByName = namedTransports.ToDictionary(t => t.Name, t => t.Transport, StringComparer.Ordinal);
    }

    /// <summary>The backend's own transport; null when the backend offers none (Redlock).</summary>
    public IQueueTransport? DefaultTransport { get; }

    /// <summary>The settings of <paramref name="queue"/>, with <paramref name="attribute"/>'s values (when given) over the configured ones.</summary>
    public QueueOptions Settings(string queue, QueuedByAttribute? attribute = null)
    {
        var options = _options.For(queue);
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

    /// <summary>The transport <paramref name="options"/> route to; <paramref name="where"/> names the caller in the error.</summary>
    public IQueueTransport Transport(string where, QueueOptions options)
    {
        if (options.Transport is null)
        {
            return DefaultTransport ?? throw new InvalidOperationException(
                $"{where}: the configured backend has no queue transport. Redlock's independent masters cannot hold one stream together; " +
                "use UseRedis (one server or a Cluster) or UseInMemory for queues, or route the queue to Kafka " +
                "(b.UseKafka(...).ConfigureQueue(name, q => q with { Transport = \"kafka\" })).");
        }

        return _transportsByName.TryGetValue(options.Transport, out var transport) ? transport : throw new InvalidOperationException(
            $"{where}: the queue is routed to the transport \"{options.Transport}\", but no transport of that name is registered " +
            $"(registered: {(_transportsByName.Count == 0 ? "none" : string.Join(", ", _transportsByName.Keys))}). Register it in AddLocksmith, " +
            "for example b.UseKafka(bootstrapServers) for \"kafka\", or correct QueueOptions.Transport.");
    }
}
