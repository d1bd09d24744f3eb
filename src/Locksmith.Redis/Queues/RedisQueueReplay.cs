using System.Globalization;
using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Rewinds a consumer group on one partition, as resetting a Kafka group's offsets does: the group's position moves to
/// just before the start, and the group's records of having finished the entries from there on are forgotten first,
/// so they run again rather than being skipped as duplicates. Other groups keep their position and records.
/// </summary>
internal static class RedisQueueReplay
{
    public static async Task RewindAsync(IDatabase db, RedisQueueKeys keys, int partition, string group, string start, CancellationToken cancellationToken)
    {
        var stream = keys.Stream(partition);
        await RedisQueueGroups.EnsureAsync(db, stream, group).ConfigureAwait(false);
        RedisValue from = start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = await db.StreamRangeAsync(stream, from, "+", 1000).ConfigureAwait(false);
            var ids = entries.Select(e => StreamEntryCodec.Field(e, "id")).Where(v => !v.IsNull).ToArray();
            if (ids.Length > 0)
            {
                await db.SortedSetRemoveAsync(keys.Finished(partition, group), ids).ConfigureAwait(false);
            }

            if (entries.Length < 1000)
            {
                break;
            }

            from = "(" + entries[^1].Id;
        }

        await db.ExecuteAsync("XGROUP", "SETID", stream, group, Before(start)).ConfigureAwait(false);
    }

    /// <summary>The id just before <paramref name="id"/> (<c>ms-seq</c>), so the entry itself is delivered again.</summary>
    internal static string Before(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        var ms = ulong.Parse(dash < 0 ? id : id[..dash], CultureInfo.InvariantCulture);
        var seq = dash < 0 ? 0 : ulong.Parse(id[(dash + 1)..], CultureInfo.InvariantCulture);
        return seq > 0 ? $"{ms}-{seq - 1}" : ms > 0 ? $"{ms - 1}-{ulong.MaxValue}" : "0-0";
    }
}
