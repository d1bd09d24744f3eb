namespace Locksmith;

/// <summary>
/// Settings of one queue, or the defaults of every queue (<see cref="LocksmithQueueOptions.Defaults"/>). Set through
/// <c>b.ConfigureQueue("orders", q => q with { Partitions = 8 })</c>; a <see cref="QueuedByAttribute"/>'s own
/// <see cref="QueuedByAttribute.MaxAttempts"/> and <see cref="QueuedByAttribute.MaxConcurrency"/> win over these.
/// </summary>
public sealed record QueueOptions
{
    /// <summary>The defaults.</summary>
    public static QueueOptions Default { get; } = new();

    /// <summary>
    /// How many partitions the queue has. Each is consumed by one process at a time, in order, so this bounds how many
    /// processes share the work. Producers and consumers must agree: the Redis transport records the count with the
    /// queue and refuses a process configured differently. Defaults to 1.
    /// </summary>
    public int Partitions { get; init; } = 1;

    /// <summary>
    /// The consumer group. Every group receives every item once; processes in one group share the items (Kafka's
    /// <c>group.id</c>). Defaults to <c>"default"</c>.
    /// </summary>
    public string Group { get; init; } = "default";

    /// <summary>How many times the body is tried before the item goes to the dead-letter stream. Defaults to 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How many bodies one process runs at once across its partitions; 0 means one per owned partition. Defaults to 0.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>The wait after the first failure; doubled after each further one, with jitter. Defaults to 200 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts. Defaults to 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a partition and its in-flight items stay with a consumer that stopped renewing (a crashed or frozen
    /// process) before another takes them over and runs the unacknowledged items again. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the ids of completed items are remembered, so a copy delivered again (a crashed relay, a frozen consumer
    /// finishing late) is skipped rather than run twice. Defaults to 1 hour.
    /// </summary>
    public TimeSpan CompletedIdRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an <see cref="QueuedByAttribute.AwaitResult"/> reply waits to be picked up. Defaults to 1 hour.</summary>
    public TimeSpan ResultRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long acknowledged items stay in the queue for replay. Items no group has acknowledged are never trimmed,
    /// whatever their age. Defaults to 1 day.
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The longest an idle consumer waits before looking for new items itself when no wake-up notice arrives. Defaults to 1 second.</summary>
    public TimeSpan IdlePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The queue transport the queue travels on, by name (<c>"kafka"</c> once <c>b.UseKafka(...)</c> registered it), or
    /// null for the backend's own transport (Redis Streams with <c>UseRedis</c>, memory with <c>UseInMemory</c>).
    /// Producers and consumers must route a queue the same way. Defaults to null.
    /// </summary>
    public string? Transport { get; init; }

    internal IEnumerable<string> GetProblems(string where)
    {
        if (Partitions is < 1 or > 4096)
        {
            yield return $"{where}: Partitions is {Partitions}; it must be between 1 and 4096.";
        }

        if (string.IsNullOrWhiteSpace(Group) || Group.Contains('{', StringComparison.Ordinal) || Group.Contains('}', StringComparison.Ordinal))
        {
            yield return $"{where}: Group is \"{Group}\"; it must be non-empty and contain no braces.";
        }

        if (Transport is not null && string.IsNullOrWhiteSpace(Transport))
        {
            yield return $"{where}: Transport is empty; name a registered transport such as \"kafka\", or leave it null for the backend's own.";
        }

        if (MaxAttempts < 1)
        {
            yield return $"{where}: MaxAttempts is {MaxAttempts}; it must be at least 1 (1 means no retry).";
        }

        if (MaxConcurrency < 0)
        {
            yield return $"{where}: MaxConcurrency is {MaxConcurrency}; it must be 0 (one per owned partition) or positive.";
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            yield return $"{where}: RetryDelay is {RetryDelay} and MaxRetryDelay {MaxRetryDelay}; the delay must be non-negative and at most MaxRetryDelay.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(VisibilityTimeout), VisibilityTimeout), (nameof(CompletedIdRetention), CompletedIdRetention),
            (nameof(ResultRetention), ResultRetention), (nameof(Retention), Retention), (nameof(IdlePollInterval), IdlePollInterval),
        })
        {
            if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
            {
                yield return $"{where}: {name} is {value}; it must be positive and finite.";
            }
        }

        if (VisibilityTimeout < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{where}: VisibilityTimeout is {VisibilityTimeout}; below 500 ms a busy consumer could lose its partitions between two renewals.";
        }
    }
}
