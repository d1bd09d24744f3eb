using System.Text.Json;

namespace Locksmith;

/// <summary>
/// Process-wide queue settings: the defaults of every queue, the settings of individual queues, and how calls are
/// written. Set through <c>b.ConfigureQueueDefaults(...)</c> and <c>b.ConfigureQueue(name, ...)</c>; validated at startup.
/// </summary>
public sealed class LocksmithQueueOptions
{
    /// <summary>Settings of every queue without its own entry in <see cref="Settings"/>.</summary>
    public QueueOptions Defaults { get; set; } = QueueOptions.Default;

    /// <summary>Settings of individual queues by name, set through <c>b.ConfigureQueue(name, ...)</c>.</summary>
    public IDictionary<string, QueueOptions> Settings { get; } = new Dictionary<string, QueueOptions>(StringComparer.Ordinal);

    /// <summary>
    /// How queued calls' arguments and results are written. Producers and consumers must use compatible settings.
    /// Defaults to System.Text.Json's general defaults.
    /// </summary>
    public JsonSerializerOptions Serializer { get; set; } = new(JsonSerializerDefaults.General);

    /// <summary>The configured settings of <paramref name="queue"/>: its own entry, or the defaults.</summary>
    /// <param name="queue">The queue's name.</param>
    /// <returns>The settings, before any method attribute's values.</returns>
    public QueueOptions For(string queue) => Settings.TryGetValue(queue, out var options) ? options : Defaults;
}
