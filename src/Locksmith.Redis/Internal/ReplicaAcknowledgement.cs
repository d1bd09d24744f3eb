using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>The failure when fewer replicas than <see cref="RedisBackendOptions.WaitForReplicas"/> confirmed an acquisition.</summary>
internal static class ReplicaAcknowledgement
{
    public static LocksmithBackendException TooFew(string key, IConnectionMultiplexer connection, long acknowledged, RedisBackendOptions options)
    {
        var endpoints = string.Join(", ", connection.GetEndPoints().Select(e => e.ToString()));
        return new LocksmithBackendException(
            $"Only {acknowledged} of the {options.WaitForReplicas} replicas asked for (RedisBackendOptions.WaitForReplicas) confirmed " +
            $"the lease on '{key}' at {endpoints} within {options.ReplicaAcknowledgementTimeout.TotalMilliseconds} ms, so it was given back: " +
            "a failover now could promote a replica without it and let a second holder in. Check the replicas (INFO replication), " +
            "raise RedisBackendOptions.ReplicaAcknowledgementTimeout, or lower WaitForReplicas.");
    }
}
