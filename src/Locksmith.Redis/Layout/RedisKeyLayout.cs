using System.Globalization;

namespace Locksmith.Redis.Layout;

/// <summary>
/// Every key and channel name Locksmith writes under a prefix, formatted and parsed here only, so the providers, the
/// queue transport and the inspector cannot drift apart. A name goes inside a hash tag (<c>ls:lock:{order:42}</c>) so
/// every key of one script lives in one Redis Cluster slot; a queue's tag holds the partition too
/// (<c>ls:q:{orders:3}</c>), so partitions spread over the nodes, and per-partition keys follow the tag
/// (<see cref="RedisQueueKeys"/>). Release notices go to a channel per Redis key (<c>ls:released:ls:lock:{order:42}</c>),
/// which a process subscribes to only while it has waiters for that key.
/// </summary>
internal sealed class RedisKeyLayout(string prefix)
{
    /// <summary>The prefix of <see cref="RedisBackendOptions.KeyPrefix"/> when none is set.</summary>
    public const string DefaultPrefix = "ls:";

    internal const string LockToken = "lock:";
    internal const string FenceToken = "fence:";
    internal const string SemaphoreToken = "sem:";
    internal const string SemaphoreQueueToken = "semq:";
    internal const string SemaphoreWaitersToken = "semw:";
    internal const string SemaphoreTicketsToken = "semt:";
    internal const string LeaderToken = "leader:";
    internal const string ReadersToken = "rwr:";
    internal const string WriterToken = "rww:";
    internal const string IntentToken = "rwi:";
    internal const string UpgraderToken = "rwu:";
    internal const string RateLimitBucketToken = "rlb:";
    internal const string RateLimitWindowToken = "rlw:";
    internal const string ReleaseChannelToken = "released:";
    internal const string QueueStreamToken = "q:";
    internal const string PartitionCountToken = "qmeta:";
    internal const string PartitionCountSuffix = ":partitions";
    internal const string MembersToken = "qmembers:";
    internal const string RelayedSuffix = ":relayed";
    internal const string ReplySuffix = ":r:";
    internal const string WakeSuffix = ":wake";
    internal const string RepliesSuffix = ":replies";
    internal const string DeadLettersSuffix = ":dead:";
    internal const string FinishedSuffix = ":done:";
    internal const string StartsSuffix = ":starts:";
    internal const string OutboxSuffix = ":out:";

    /// <summary>The kinds whose keys are <c>{prefix}{token}{name}</c>; also the order they are parsed in.</summary>
    private static readonly (string Token, RedisKeyKind Kind)[] Tagged =
    [
        (LockToken, RedisKeyKind.Lock),
        (FenceToken, RedisKeyKind.Fence),
        (SemaphoreToken, RedisKeyKind.Semaphore),
        (SemaphoreQueueToken, RedisKeyKind.SemaphoreQueue),
        (SemaphoreWaitersToken, RedisKeyKind.SemaphoreWaiters),
        (SemaphoreTicketsToken, RedisKeyKind.SemaphoreTickets),
        (LeaderToken, RedisKeyKind.Leader),
        (ReadersToken, RedisKeyKind.ReaderWriterReaders),
        (WriterToken, RedisKeyKind.ReaderWriterWriter),
        (IntentToken, RedisKeyKind.ReaderWriterIntent),
        (UpgraderToken, RedisKeyKind.ReaderWriterUpgrader),
        (RateLimitBucketToken, RedisKeyKind.RateLimitBucket),
        (RateLimitWindowToken, RedisKeyKind.RateLimitWindow),
    ];

    /// <summary>The group-scoped suffixes after a partition's tag, in the order they are parsed in.</summary>
    private static readonly (string Suffix, RedisKeyKind Kind)[] GroupSuffixes =
    [
        (DeadLettersSuffix, RedisKeyKind.QueueDeadLetters),
        (FinishedSuffix, RedisKeyKind.QueueFinished),
        (StartsSuffix, RedisKeyKind.QueueStarts),
        (OutboxSuffix, RedisKeyKind.QueueOutbox),
    ];

    public string Prefix => prefix;

    /// <summary>The glob that matches every key and channel under the prefix, escaped so <c>*?[]\</c> in it match only themselves.</summary>
    public string Pattern => string.Concat(prefix.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString())) + "*";

    /// <summary>The glob of the release channels.</summary>
    public string ReleaseChannelPattern => new RedisKeyLayout(prefix + ReleaseChannelToken).Pattern;

    public string Lock(string name) => Tag(LockToken, name);

    public string Fence(string name) => Tag(FenceToken, name);

    public string Semaphore(string name) => Tag(SemaphoreToken, name);

    /// <summary>A fair semaphore's queue: waiting owners scored by ticket.</summary>
    public string SemaphoreQueue(string name) => Tag(SemaphoreQueueToken, name);

    /// <summary>A fair semaphore's waiter liveness: waiting owners scored by when their place expires.</summary>
    public string SemaphoreWaiters(string name) => Tag(SemaphoreWaitersToken, name);

    /// <summary>A fair semaphore's ticket counter.</summary>
    public string SemaphoreTickets(string name) => Tag(SemaphoreTicketsToken, name);

    /// <summary>An election's leader record.</summary>
    public string Leader(string name) => Tag(LeaderToken, name);
    /// <summary>
    /// The keys of one reader-writer lock: readers, writer, intent, upgradeable reader and the lock's fence counter, all
    /// under the hash tag <c>{name}</c>, so every script of the lock runs on one Cluster slot.
    /// </summary>
    public ReaderWriterKeys ReaderWriter(string name) =>
        new(Tag(ReadersToken, name), Tag(WriterToken, name), Tag(IntentToken, name), Tag(UpgraderToken, name), Fence(name));
    /// <summary>A rate limit's one key: a token bucket's state or a sliding window's grants (different types, so different names).</summary>
    public string RateLimit(string name, RateLimitAlgorithm algorithm) =>
        Tag(algorithm == RateLimitAlgorithm.TokenBucket ? RateLimitBucketToken : RateLimitWindowToken, name);

    public string ReleaseChannel(string redisKey) => $"{prefix}{ReleaseChannelToken}{redisKey}";

    public RedisQueueKeys Queue(string name) => new(prefix, name);

    internal static string Stream(string prefix, string queue, int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{QueueStreamToken}{{{queue}:{partition}}}");

    /// <summary>Reads a key or channel back; null when it is not one Locksmith writes under this prefix.</summary>
    public RedisKeyName? Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key[prefix.Length..];
        if (rest.StartsWith(ReleaseChannelToken, StringComparison.Ordinal))
        {
            return new RedisKeyName(RedisKeyKind.ReleaseChannel, rest[ReleaseChannelToken.Length..]);
        }

        foreach (var (token, kind) in Tagged)
        {
            if (rest.StartsWith(token, StringComparison.Ordinal))
            {
                return Untag(rest[token.Length..]) is { } name ? new RedisKeyName(kind, name) : null;
            }
        }

        if (rest.StartsWith(PartitionCountToken, StringComparison.Ordinal) && rest.EndsWith(PartitionCountSuffix, StringComparison.Ordinal))
        {
            return Untag(rest[PartitionCountToken.Length..^PartitionCountSuffix.Length]) is { } queue
                ? new RedisKeyName(RedisKeyKind.QueuePartitionCount, queue)
                : null;
        }

        if (rest.StartsWith(MembersToken, StringComparison.Ordinal))
        {
            // A queue name has no slash (QueueNames) but a group may have any: the first slash splits "queue/group".
            var tag = Untag(rest[MembersToken.Length..]);
            var slash = tag?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            return slash < 0 ? null : new RedisKeyName(RedisKeyKind.QueueMembers, tag![..slash], Group: tag[(slash + 1)..]);
        }

        return rest.StartsWith(QueueStreamToken, StringComparison.Ordinal) ? ParsePartitionKey(rest[QueueStreamToken.Length..]) : null;
    }

    /// <summary>"{orders:3}" with what follows the tag: the stream, or one of the partition's own or its groups' keys.</summary>
    private static RedisKeyName? ParsePartitionKey(string rest)
    {
        var close = rest.IndexOf('}', StringComparison.Ordinal);
        if (!rest.StartsWith('{') || close < 0)
        {
            return null;
        }

        var tag = rest[1..close];
        var colon = tag.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(tag[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
        {
            return null;
        }

        var queue = tag[..colon];
        var suffix = rest[(close + 1)..];
        switch (suffix)
        {
            case "":
                return new RedisKeyName(RedisKeyKind.QueueStream, queue, partition);
            case RelayedSuffix:
                return new RedisKeyName(RedisKeyKind.QueueRelayed, queue, partition);
            case WakeSuffix:
                return new RedisKeyName(RedisKeyKind.QueueWakeChannel, queue, partition);
            case RepliesSuffix:
                return new RedisKeyName(RedisKeyKind.QueueReplyChannel, queue, partition);
        }

        if (suffix.StartsWith(ReplySuffix, StringComparison.Ordinal))
        {
            return new RedisKeyName(RedisKeyKind.QueueReply, queue, partition, Item: suffix[ReplySuffix.Length..]);
        }

        foreach (var (groupSuffix, kind) in GroupSuffixes)
        {
            if (suffix.StartsWith(groupSuffix, StringComparison.Ordinal))
            {
                return new RedisKeyName(kind, queue, partition, suffix[groupSuffix.Length..]);
            }
        }

        return null;
    }

    private string Tag(string token, string name) => $"{prefix}{token}{{{name}}}";

    private static string? Untag(string tagged) =>
        tagged.Length >= 2 && tagged[0] == '{' && tagged[^1] == '}' ? tagged[1..^1] : null;
}
