using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis;

/// <summary>
/// A value in Redis that only accepts writes carrying a fencing token at least as new as the newest it has accepted.
/// This is the resource side of fencing: a lock holder that was paused past its TTL (GC, SIGSTOP) comes back with an
/// old token, and its write is refused instead of overwriting the new holder's work.
/// </summary>
/// <remarks>The value is stored as a hash with the fields <c>value</c> and <c>fence</c>.</remarks>
public static class FencedRedisValue
{
    /// <summary>Writes <paramref name="value"/> unless a newer fencing token has already written to <paramref name="key"/>.</summary>
    /// <param name="database">The database.</param>
    /// <param name="key">The resource's key.</param>
    /// <param name="value">The value to write.</param>
    /// <param name="fencingToken">The writer's <see cref="ILockLease.FencingToken"/> (take the lock with <see cref="LockOptions.Fencing"/> on).</param>
    /// <param name="cancellationToken">Stops waiting for the reply (the write may still happen).</param>
    /// <returns><see langword="true"/> when written; <see langword="false"/> when refused as stale.</returns>
    public static Task<bool> TrySetAsync(IDatabaseAsync database, RedisKey key, RedisValue value, long fencingToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(fencingToken, 1);
        return FencedSetScript.EvaluateAsync(database, key, value, fencingToken, cancellationToken: cancellationToken);
    }

    /// <summary>Reads the value last written through <see cref="TrySetAsync"/>.</summary>
    /// <param name="database">The database.</param>
    /// <param name="key">The resource's key.</param>
    /// <param name="cancellationToken">Stops waiting for the reply.</param>
    /// <returns>The value, or <see cref="RedisValue.Null"/> when none was written.</returns>
    public static Task<RedisValue> GetAsync(IDatabaseAsync database, RedisKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.HashGetAsync(key, "value").WaitAsync(cancellationToken);
    }
}
