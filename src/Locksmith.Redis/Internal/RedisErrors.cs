using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>Turns StackExchange.Redis failures into <see cref="LocksmithBackendException"/>s that name the cause and the fix.</summary>
internal static class RedisErrors
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IConnectionMultiplexer, StrongBox<ConnectionFailureType>> LastFailures = new();

    /// <summary>
    /// Remembers that the connection was refused for its credentials since it last worked. A command that waited in the
    /// backlog while a wrong password was refused can time out before the refusal reaches its exception's text; the
    /// failure event still says why. Only a restored connection clears it: the failures of the reconnect attempts that
    /// follow a refusal (a socket closed by the server) would otherwise overwrite the cause. A refusal during the first
    /// connect is passed in, because its event may have fired before this subscribed.
    /// </summary>
    public static void Watch(IConnectionMultiplexer redis, bool refusedAtConnect)
    {
        var last = LastFailures.GetValue(redis, _ => new StrongBox<ConnectionFailureType>(ConnectionFailureType.None));
        if (refusedAtConnect)
        {
            last.Value = ConnectionFailureType.AuthenticationFailure;
        }

        redis.ConnectionFailed += (_, e) =>
        {
            if (e.FailureType == ConnectionFailureType.AuthenticationFailure || last.Value != ConnectionFailureType.AuthenticationFailure)
            {
                last.Value = e.FailureType;
            }
        };
        redis.ConnectionRestored += (_, _) => last.Value = ConnectionFailureType.None;
    }

    private static bool LastFailedAuthentication(IConnectionMultiplexer redis) =>
        LastFailures.TryGetValue(redis, out var last) && last.Value == ConnectionFailureType.AuthenticationFailure;

    public static async Task<T> GuardAsync<T>(Task<T> operation, IConnectionMultiplexer redis, string what, string key)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, redis, what, key) is { } translated)
        {
            throw translated;
        }
    }

    public static LocksmithBackendException? Translate(Exception ex, IConnectionMultiplexer redis, string what, string key)
    {
        var endpoints = string.Join(", ", redis.GetEndPoints().Select(e => e.ToString()));
        return ex switch
        {
            // A refused password surfaces as an authentication failure, or (when the command waited in the backlog) as a
            // timeout whose text names the connection's last failure.
            RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } or RedisException
                when Mentions(ex, "AuthenticationFailure", "WRONGPASS", "NOAUTH", "invalid username-password")
                    || (ex is RedisConnectionException or RedisTimeoutException && LastFailedAuthentication(redis)) => new LocksmithBackendException(
                $"Redis at {endpoints} refused Locksmith's credentials while {what} '{key}'. Check the password (and user name, with ACLs) in the connection configuration.", ex),
            RedisServerException server when server.Message.StartsWith("NOPERM", StringComparison.Ordinal) => new LocksmithBackendException(
                $"The Redis user lacks a permission Locksmith needs while {what} '{key}': {server.Message}. Grant it the key pattern of RedisBackendOptions.KeyPrefix (for example ~ls:*), the channel pattern &ls:*, and +@read +@write +@scripting +@pubsub.", ex),
            RedisServerException server when server.Message.StartsWith("NOAUTH", StringComparison.Ordinal) || server.Message.StartsWith("WRONGPASS", StringComparison.Ordinal) => new LocksmithBackendException(
                $"Redis at {endpoints} requires authentication that failed while {what} '{key}': {server.Message}. Set the password (and user) in the connection configuration.", ex),
            RedisConnectionException or RedisTimeoutException => new LocksmithBackendException(
                $"Redis at {endpoints} could not be reached while {what} '{key}' ({ex.Message}). Check that the server is running and the address is right; the lease state is unknown only for this call.", ex),
            ObjectDisposedException => new LocksmithBackendException(
                $"The Redis connection was disposed while {what} '{key}'. Dispose the application's services only after work holding locks has finished.", ex),
            _ => null,
        };
    }

    private static bool Mentions(Exception ex, params string[] words)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (words.Any(w => current.Message.Contains(w, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
