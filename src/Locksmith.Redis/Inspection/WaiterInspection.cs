using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Inspection;

/// <summary>
/// Release channels with subscribers. Each subscriber is a connection (one per process) with callers waiting for the
/// key, not a count of callers. Both kinds of channel are read: plain ones (one server, Redlock) and sharded ones (a
/// Cluster, where each node lists the channels of its own slots).
/// </summary>
internal static class WaiterInspection
{
    public static async Task<List<WaitingChannel>> ReadAsync(InspectionSession session)
    {
        var subscribers = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var server in session.Servers)
        {
            await CountAsync(session, server, "CHANNELS", "NUMSUB", subscribers).ConfigureAwait(false);
            if (server.Version >= new Version(7, 0))
            {
                // Before Redis 7 there are no sharded channels to list, and the subcommands do not exist.
                await CountAsync(session, server, "SHARDCHANNELS", "SHARDNUMSUB", subscribers).ConfigureAwait(false);
            }
        }

        return subscribers
            .Where(s => s.Value > 0 && session.Layout.Parse(s.Key) is { Kind: RedisKeyKind.ReleaseChannel })
            .Select(s => new WaitingChannel(s.Key, session.Layout.Parse(s.Key)!.Value.Name, s.Value))
            .ToList();
    }

    private static async Task CountAsync(InspectionSession session, IServer server, string list, string count, SortedDictionary<string, long> subscribers)
    {
        var listed = (RedisResult[])(await server.ExecuteAsync("PUBSUB", list, session.Layout.ReleaseChannelPattern).WaitAsync(session.CancellationToken).ConfigureAwait(false))!;
        var channels = listed.Select(c => (string)c!).ToList();
        if (channels.Count == 0)
        {
            return;
        }

        var counts = (RedisResult[])(await server.ExecuteAsync("PUBSUB", [count, .. channels]).WaitAsync(session.CancellationToken).ConfigureAwait(false))!;
        for (var i = 0; i + 1 < counts.Length; i += 2)
        {
            var channel = (string)counts[i]!;
            subscribers[channel] = subscribers.GetValueOrDefault(channel) + (long)counts[i + 1];
        }
    }
}
