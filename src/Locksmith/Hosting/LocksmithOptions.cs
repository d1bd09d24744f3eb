using System.Text.Json;

namespace Locksmith;

/// <summary>Process-wide defaults, set through <c>services.AddLocksmith(b => b.ConfigureDefaults(...))</c> and validated at startup.</summary>
public sealed class LocksmithOptions
{
    /// <summary>Defaults for locks taken without explicit options and for <see cref="DistributedLockAttribute"/> settings left unset.</summary>
    public LockOptions Locks { get; set; } = LockOptions.Default;

    /// <summary>Defaults for semaphore permits, likewise.</summary>
    public SemaphoreOptions Semaphores { get; set; } = SemaphoreOptions.Default;

    /// <summary>Settings of every queue without its own entry in <see cref="QueueSettings"/>.</summary>
    public QueueOptions QueueDefaults { get; set; } = QueueOptions.Default;

    /// <summary>Settings of individual queues by name, set through <c>b.ConfigureQueue(name, ...)</c>.</summary>
    public IDictionary<string, QueueOptions> QueueSettings { get; } = new Dictionary<string, QueueOptions>(StringComparer.Ordinal);

    /// <summary>
    /// How queued calls' arguments and results are written. Producers and consumers must use compatible settings.
    /// Defaults to System.Text.Json's general defaults.
    /// </summary>
    public JsonSerializerOptions QueueSerializer { get; set; } = new(JsonSerializerDefaults.General);

    /// <summary>The settings of <paramref name="queue"/>: its own entry, or the defaults.</summary>
    /// <param name="queue">The queue's name.</param>
    /// <returns>The settings.</returns>
    public QueueOptions QueueFor(string queue) => QueueSettings.TryGetValue(queue, out var options) ? options : QueueDefaults;
}
