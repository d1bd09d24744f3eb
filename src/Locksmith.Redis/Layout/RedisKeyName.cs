namespace Locksmith.Redis.Layout;

/// <summary>A Redis key or channel read back into what <see cref="RedisKeyLayout"/> made it from.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Name">The lock, semaphore or queue name; for a <see cref="RedisKeyKind.ReleaseChannel"/>, the Redis key it announces.</param>
/// <param name="Partition">The queue partition, for a partition's keys.</param>
/// <param name="Group">The consumer group, for a group's keys.</param>
/// <param name="Item">The item id, for a <see cref="RedisKeyKind.QueueReply"/>.</param>
internal readonly record struct RedisKeyName(RedisKeyKind Kind, string Name, int? Partition = null, string? Group = null, string? Item = null);
