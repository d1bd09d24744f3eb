namespace Locksmith;

/// <summary>Which queues a consumer process runs, set through <c>b.AddQueueConsumers(o => ...)</c>.</summary>
public sealed class QueueConsumerOptions
{
    /// <summary>The queues to consume; empty (the default) consumes every queue with a registered [QueuedBy] method.</summary>
    public ISet<string> QueueNames { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>This process's name among the consumers; defaults to machine name, process id and a random suffix, unique per start.</summary>
    public string? ConsumerName { get; set; }
}
