using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Inspection;

/// <summary>
/// Queues: every key the layout reads as a queue's (stream, partition count, group members, dead letters, outbox) adds
/// to that queue, so a queue shows even before its first item, and a group shows from its members alone.
/// </summary>
internal static class QueueInspection
{
    public static async Task<List<QueueState>> ReadAsync(InspectionSession session)
    {
        var streams = session.OfKind(RedisKeyKind.QueueStream).ToList();
        var partitions = await PartitionsAsync(session, streams).ConfigureAwait(false);
        var groupKeys = session.Keys.Where(k => k.Name.Kind is RedisKeyKind.QueueDeadLetters or RedisKeyKind.QueueOutbox).ToList();
        var groupLengths = await session.ReadAsync(groupKeys, (db, k) => db.StreamLengthAsync(k.Key)).ConfigureAwait(false);
        var members = session.OfKind(RedisKeyKind.QueueMembers).ToList();
        var memberEntries = await session.ReadAsync(members, (db, k) => db.SortedSetRangeByRankWithScoresAsync(k.Key)).ConfigureAwait(false);
        var counts = session.OfKind(RedisKeyKind.QueuePartitionCount).ToList();
        var countValues = await session.ReadAsync(counts, (db, k) => db.StringGetAsync(k.Key)).ConfigureAwait(false);

        var queues = new SortedDictionary<string, QueueBuilder>(StringComparer.Ordinal);
        QueueBuilder Queue(string name) => queues.TryGetValue(name, out var q) ? q : queues[name] = new QueueBuilder(name);
        for (var i = 0; i < streams.Count; i++)
        {
            Queue(streams[i].Name.Name).Partitions.Add(partitions[i]!);
        }

        for (var i = 0; i < groupKeys.Count; i++)
        {
            var group = Queue(groupKeys[i].Name.Name).Group(groupKeys[i].Name.Group!);
            if (groupKeys[i].Name.Kind == RedisKeyKind.QueueDeadLetters)
            {
                group.DeadLetters += groupLengths[i];
            }
            else
            {
                group.Outbox += groupLengths[i];
            }
        }

        for (var i = 0; i < members.Count; i++)
        {
            Queue(members[i].Name.Name).Group(members[i].Name.Group!).Members.AddRange(
                (memberEntries[i] ?? []).Where(m => (long)m.Score > session.Now).Select(m => new QueueMember(m.Element!, (long)m.Score - session.Now)));
        }

        for (var i = 0; i < counts.Count; i++)
        {
            Queue(counts[i].Name.Name).PartitionCount = InspectionSession.Integer(countValues[i]);
        }

        foreach (var group in queues.Values.SelectMany(q => q.Partitions.SelectMany(p => p.Groups).Select(g => (q, g.Name))).ToList())
        {
            group.q.Group(group.Name); // a group that only reads so far still gets its summary
        }

        return queues.Values.Select(q => q.Build()).ToList();
    }

    private static async Task<QueuePartition?[]> PartitionsAsync(InspectionSession session, List<(string Key, RedisKeyName Name)> streams)
    {
        var lengths = await session.ReadAsync(streams, (db, s) => db.StreamLengthAsync(s.Key)).ConfigureAwait(false);
        var groups = await session.ReadAsync(streams, (db, s) => db.StreamGroupInfoAsync(s.Key)).ConfigureAwait(false);
        var consumerQueries = streams.SelectMany((s, i) => (groups[i] ?? []).Select(g => (s.Key, g.Name))).ToList();
        var consumers = await session.ReadAsync(consumerQueries, (db, q) => db.StreamConsumerInfoAsync(q.Key, q.Name)).ConfigureAwait(false);
        var next = 0;
        var partitions = new QueuePartition?[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            partitions[i] = new QueuePartition(
                streams[i].Name.Partition!.Value,
                streams[i].Key,
                lengths[i],
                (groups[i] ?? []).Select(g => new QueueGroup(
                    g.Name,
                    g.PendingMessageCount,
                    g.Lag,
                    g.LastDeliveredId ?? string.Empty,
                    (consumers[next++] ?? []).Select(c => new QueueConsumer(c.Name, c.PendingMessageCount, c.IdleTimeInMilliseconds)).ToList())).ToList());
        }

        return partitions;
    }

    private sealed class QueueBuilder(string name)
    {
        private readonly SortedDictionary<string, GroupBuilder> _groups = new(StringComparer.Ordinal);

        public List<QueuePartition> Partitions { get; } = [];

        public long? PartitionCount { get; set; }

        public GroupBuilder Group(string group) => _groups.TryGetValue(group, out var g) ? g : _groups[group] = new GroupBuilder();

        public QueueState Build() => new(
            name,
            PartitionCount,
            Partitions.OrderBy(p => p.Partition).ToList(),
            _groups.Select(g => new QueueGroupSummary(g.Key, g.Value.Members.OrderBy(m => m.Name, StringComparer.Ordinal).ToList(), g.Value.DeadLetters, g.Value.Outbox)).ToList());
    }

    private sealed class GroupBuilder
    {
        public List<QueueMember> Members { get; } = [];

        public long DeadLetters { get; set; }

        public long Outbox { get; set; }
    }
}
