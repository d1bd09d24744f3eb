namespace Locksmith.Redis.Layout;

/// <summary>What a Redis key or channel under Locksmith's prefix is; <see cref="RedisKeyLayout"/> formats and parses each.</summary>
internal enum RedisKeyKind
{
    /// <summary><c>ls:lock:{name}</c>: a held lock, its owner token.</summary>
    Lock,

    /// <summary><c>ls:fence:{name}</c>: a lock's fencing-token counter.</summary>
    Fence,

    /// <summary><c>ls:sem:{name}</c>: a semaphore's permits, owners scored by expiry.</summary>
    Semaphore,

    /// <summary><c>ls:semq:{name}</c>: a fair semaphore's line, owners scored by ticket.</summary>
    SemaphoreQueue,

    /// <summary><c>ls:semw:{name}</c>: a fair semaphore's waiters, scored by when their place expires.</summary>
    SemaphoreWaiters,

    /// <summary><c>ls:semt:{name}</c>: a fair semaphore's ticket counter.</summary>
    SemaphoreTickets,

    /// <summary><c>ls:rlb:{name}</c>: a token-bucket rate limit, the moment (server clock, µs) its bucket would be full.</summary>
    RateLimitBucket,

    /// <summary><c>ls:rlw:{name}</c>: a sliding-window rate limit, its grants scored by when they were made (server clock, µs).</summary>
    RateLimitWindow,

    /// <summary><c>ls:rwr:{name}</c>: a reader-writer lock's readers, owners scored by their own expiry.</summary>
    ReaderWriterReaders,

    /// <summary><c>ls:rww:{name}</c>: a reader-writer lock's writer, its owner token.</summary>
    ReaderWriterWriter,

    /// <summary><c>ls:rwi:{name}</c>: the first waiting writer (or upgrade), which keeps new readers out; short-lived.</summary>
    ReaderWriterIntent,

    /// <summary><c>ls:rwu:{name}</c>: a reader-writer lock's one upgradeable reader, its owner token.</summary>
    ReaderWriterUpgrader,

    /// <summary><c>ls:leader:{name}</c>: an election's leader record (candidate, term, since), refreshed by the leader.</summary>
    Leader,

    /// <summary>Channel <c>ls:released:&lt;redis key&gt;</c>: notices that a key changed: a lock or semaphore released, a leader record written or withdrawn.</summary>
    ReleaseChannel,

    /// <summary><c>ls:q:{queue:partition}</c>: a partition's stream.</summary>
    QueueStream,

    /// <summary><c>…:relayed</c>: item ids relayed into the partition.</summary>
    QueueRelayed,

    /// <summary><c>…:r:&lt;item&gt;</c>: an item's reply.</summary>
    QueueReply,

    /// <summary>Channel <c>…:wake</c>: wakes the partition's consumer.</summary>
    QueueWakeChannel,

    /// <summary>Channel <c>…:replies</c>: tells callers a reply is stored.</summary>
    QueueReplyChannel,

    /// <summary><c>…:dead:&lt;group&gt;</c>: the group's dead letters in the partition.</summary>
    QueueDeadLetters,

    /// <summary><c>…:done:&lt;group&gt;</c>: ids the group finished in the partition.</summary>
    QueueFinished,

    /// <summary><c>…:starts:&lt;group&gt;</c>: how often the group's bodies started each entry.</summary>
    QueueStarts,

    /// <summary><c>…:out:&lt;group&gt;</c>: calls chained by the group's bodies, waiting to be relayed.</summary>
    QueueOutbox,

    /// <summary><c>ls:qmeta:{queue}:partitions</c>: the queue's partition count.</summary>
    QueuePartitionCount,

    /// <summary><c>ls:qmembers:{queue/group}</c>: a group's live consumers, scored by heartbeat expiry.</summary>
    QueueMembers,
}
