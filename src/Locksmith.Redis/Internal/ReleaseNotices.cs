using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// Whether release notices are sharded. On Redis Cluster they are (<c>SPUBLISH</c>/<c>SSUBSCRIBE</c>): a notice goes only
/// to the node that owns the key's slot, and the channel's hash tag puts the waiters' subscription on that same node.
/// Plain <c>PUBLISH</c> on a cluster would be broadcast to every node. Standalone servers use plain pub/sub, which also
/// works before Redis 7.
/// </summary>
internal sealed class ReleaseNotices(IConnectionMultiplexer connection, RedisKeyLayout keys)
{
    private int _sharded = -1;

    /// <summary>Whether the connection is to a cluster; decided once a server has been seen, standalone until then.</summary>
    public bool Sharded
    {
        get
        {
            var known = Volatile.Read(ref _sharded);
            if (known >= 0)
            {
                return known == 1;
            }

            var connected = connection.GetServers().Where(s => s.IsConnected).ToList();
            if (connected.Count == 0)
            {
                return false;
            }

            var cluster = connected.Any(s => s.ServerType == ServerType.Cluster);
            Volatile.Write(ref _sharded, cluster ? 1 : 0);
            return cluster;
        }
    }

    public RedisChannel Channel(string redisKey) =>
        Sharded ? RedisChannel.Sharded(keys.ReleaseChannel(redisKey)) : RedisChannel.Literal(keys.ReleaseChannel(redisKey));
}
