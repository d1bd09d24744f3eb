namespace Locksmith.Chaos;

/// <summary>The queue chaos settings the client processes and the checker share (constants, for the attributes).</summary>
public static class QueueChaosSettings
{
    /// <summary>The producer's queue: every consumer group runs every item.</summary>
    public const string Queue = "chaos-q";

    /// <summary>The queue of the calls the bodies chain; consumed by every consumer process in <see cref="ChainGroup"/>.</summary>
    public const string ChainQueue = "chaos-chain";

    public const string ChainGroup = "chain";

    /// <summary>The consumer groups of <see cref="Queue"/>: consumer slot n is in Groups[n % 2].</summary>
    public static readonly string[] Groups = ["g1", "g2"];

    public const int MaxAttempts = 3;

    /// <summary>The Redis queues' partition count (Kafka's mock cluster creates topics with 4 partitions too).</summary>
    public const int Partitions = 4;

    /// <summary>How many partition keys the producer spreads its items over.</summary>
    public const int Keys = 8;

    /// <summary>Redis: a consumer frozen or cut off longer than this loses its partitions.</summary>
    public static readonly TimeSpan RedisVisibilityTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Kafka: the session timeout (the mock cluster accepts a few seconds).</summary>
    public static readonly TimeSpan KafkaVisibilityTimeout = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(100);

    public static string GroupOfSlot(int slot) => Groups[slot % Groups.Length];
}
