namespace Locksmith.Redis.Inspection;

/// <summary>A fencing-token counter; it outlives its lock so tokens keep rising.</summary>
/// <param name="Key">The user's key.</param>
/// <param name="RedisKey">The Redis key (<c>ls:fence:{order:42}</c>).</param>
/// <param name="LastToken">The last token issued.</param>
/// <param name="TtlMilliseconds">Time until the idle counter expires; -1 without expiry.</param>
public sealed record FenceCounter(string Key, string RedisKey, long LastToken, long TtlMilliseconds);
