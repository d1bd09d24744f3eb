using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Inspection;

/// <summary>
/// Release channels with subscribers. Each subscriber is a connection (one per process) with callers waiting for the
/// key, not a count of callers. Plain channels only: sharded notices (on a Cluster) are not listed by PUBSUB CHANNELS.
/// </summary>
internal static class WaiterInspection
{
    public static async Task<List<WaitingChannel>> ReadAsync(InspectionSession session)
    {
        var subscribers = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var server in session.Servers)
        {
            var listed = (RedisResult[])(await server.ExecuteAsync("PUBSUB", "CHANNELS", session.Layout.ReleaseChannelPattern).WaitAsync(session.CancellationToken).ConfigureAwait(false))!;
            var channels = listed.Select(c => (string)c!).ToList();
            if (channels.Count == 0)
            {
                continue;
            }

            var counts = (RedisResult[])(await server.ExecuteAsync("PUBSUB", ["NUMSUB", .. channels]).WaitAsync(session.CancellationToken).ConfigureAwait(false))!;
            for (var i = 0; i + 1 < counts.Length; i += 2)
            {
                var channel = (string)counts[i]!;
                subscribers[channel] = subscribers.GetValueOrDefault(channel) + (long)counts[i + 1];
            }
        }

        return subscribers
            .Where(s => s.Value > 0 && session.Layout.Parse(s.Key) is { Kind: RedisKeyKind.ReleaseChannel })
            .Select(s => new WaitingChannel(s.Key, session.Layout.Parse(s.Key)!.Value.Name, s.Value))
            .ToList();
    }
}
