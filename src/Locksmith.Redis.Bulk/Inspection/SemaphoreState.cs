namespace Locksmith.Redis.Bulk.Inspection;

/// <summary>A semaphore's permits. The limit is not stored in Redis (each acquirer passes it), so only use is shown.</summary>
/// <param name="Key">The user's key.</param>
/// <param name="RedisKey">The Redis key (<c>ls:sem:{pool}</c>).</param>
/// <param name="Used">Permits held and not expired.</param>
/// <param name="Holders">Who holds them, with the time each has left.</param>
/// <param name="Expired">Permits past their expiry that the next acquirer will drop (crashed holders).</param>
/// <param name="Waiters">Connections subscribed to the semaphore's release notices.</param>
public sealed record SemaphoreState(string Key, string RedisKey, int Used, IReadOnlyList<SemaphoreHolder> Holders, int Expired, long Waiters);

/// <summary>One permit.</summary>
/// <param name="Owner">The permit's owner token.</param>
/// <param name="TtlMilliseconds">Time left on the server clock.</param>
public sealed record SemaphoreHolder(string Owner, long TtlMilliseconds);
