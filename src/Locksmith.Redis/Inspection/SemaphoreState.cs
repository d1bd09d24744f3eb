namespace Locksmith.Redis.Inspection;

/// <summary>A semaphore's permits and, when fair, its line. The limit is not stored in Redis (each acquirer passes it), so only use is shown.</summary>
/// <param name="Key">The user's key.</param>
/// <param name="RedisKey">The Redis key of its permits (<c>ls:sem:{pool}</c>).</param>
/// <param name="Used">Permits held and not expired.</param>
/// <param name="Holders">Who holds them, with the time each has left.</param>
/// <param name="Expired">Permits past their expiry that the next acquirer will drop (crashed holders).</param>
/// <param name="Waiters">Connections subscribed to the semaphore's release notices.</param>
/// <param name="Queued">A fair semaphore's line in ticket order (<c>ls:semq:</c>, <c>ls:semw:</c>); empty for a plain one, whose waiters keep no place.</param>
/// <param name="LastTicket">The last ticket a fair semaphore handed out (<c>ls:semt:</c>); null for a plain one.</param>
public sealed record SemaphoreState(
    string Key, string RedisKey, int Used, IReadOnlyList<SemaphoreHolder> Holders, int Expired, long Waiters, IReadOnlyList<SemaphoreWaiter> Queued, long? LastTicket);

/// <summary>One permit.</summary>
/// <param name="Owner">The permit's owner token.</param>
/// <param name="TtlMilliseconds">Time left on the server clock.</param>
public sealed record SemaphoreHolder(string Owner, long TtlMilliseconds);

/// <summary>An owner waiting in a fair semaphore's line; it loses its place unless it asks again before its place expires.</summary>
/// <param name="Owner">The waiter's owner token.</param>
/// <param name="Ticket">Its place: lower tickets are served first.</param>
/// <param name="TtlMilliseconds">Time before its place expires, on the server clock; -1 when its liveness entry is gone.</param>
public sealed record SemaphoreWaiter(string Owner, long Ticket, long TtlMilliseconds);
