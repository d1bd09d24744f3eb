using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// Key and channel names. Every key of one script shares the hash tag <c>{userKey}</c>, so a script's keys live in one
/// Redis Cluster slot: <c>ls:lock:{order:42}</c>, <c>ls:fence:{order:42}</c>.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public RedisChannel ReleaseChannel { get; } = RedisChannel.Literal(prefix + "released");

    public string ReleaseChannelName { get; } = prefix + "released";

    public string Lock(string key) => $"{prefix}lock:{{{key}}}";

    public string Fence(string key) => $"{prefix}fence:{{{key}}}";

    public string Semaphore(string key) => $"{prefix}sem:{{{key}}}";
}
