namespace Locksmith.Redis.Inspection;

/// <summary>A release-notice channel with subscribers: each is a connection (one per process) waiting for the key.</summary>
/// <param name="Channel">The channel (<c>ls:released:ls:lock:{order:42}</c>).</param>
/// <param name="RedisKey">The key it announces releases of.</param>
/// <param name="Subscribers">Subscribed connections.</param>
public sealed record WaitingChannel(string Channel, string RedisKey, long Subscribers);
