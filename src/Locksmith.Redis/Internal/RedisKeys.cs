using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// Key and channel names. Every key of one script shares the hash tag <c>{userKey}</c>, so a script's keys live in one
/// Redis Cluster slot: <c>ls:lock:{order:42}</c>, <c>ls:fence:{order:42}</c>. Release notices go to a channel per Redis
/// key (<c>ls:released:ls:lock:{order:42}</c>), which a process subscribes to only while it has waiters for that key, so
/// uncontended releases reach nobody.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string ReleaseChannel(string redisKey) => $"{prefix}released:{redisKey}";

    public string Lock(string key) => $"{prefix}lock:{{{key}}}";

    public string Fence(string key) => $"{prefix}fence:{{{key}}}";

    public string Semaphore(string key) => $"{prefix}sem:{{{key}}}";

    /// <summary>A fair semaphore's queue: waiting owners scored by ticket.</summary>
    public string SemaphoreQueue(string key) => $"{prefix}semq:{{{key}}}";

    /// <summary>A fair semaphore's waiter liveness: waiting owners scored by when their place expires.</summary>
    public string SemaphoreWaiters(string key) => $"{prefix}semw:{{{key}}}";

    /// <summary>A fair semaphore's ticket counter.</summary>
    public string SemaphoreTickets(string key) => $"{prefix}semt:{{{key}}}";
}
