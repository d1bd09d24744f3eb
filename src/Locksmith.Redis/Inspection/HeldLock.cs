namespace Locksmith.Redis.Inspection;

/// <summary>A lock key present in Redis: somebody holds it.</summary>
/// <param name="Key">The user's key (<c>order:42</c>).</param>
/// <param name="RedisKey">The Redis key (<c>ls:lock:{order:42}</c>).</param>
/// <param name="Owner">The owner token stored in it.</param>
/// <param name="TtlMilliseconds">Time left before it expires; -1 when it has no expiry (a lock written by hand).</param>
/// <param name="FencingToken">The last fencing token issued for the key (the holder's, if it asked for one); null without a fence counter.</param>
/// <param name="Waiters">Connections subscribed to the key's release notices: processes with callers waiting for it.</param>
public sealed record HeldLock(string Key, string RedisKey, string Owner, long TtlMilliseconds, long? FencingToken, long Waiters);
