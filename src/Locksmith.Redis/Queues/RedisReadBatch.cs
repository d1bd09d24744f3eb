using Locksmith.Queues;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// A batch of entries read for one group, sorted before anything runs: which are items to run, which are not items at
/// all, which are redriven copies meant for another group, which the group already finished (one read of the finished
/// ids for the whole batch), and which repeat an item earlier in the same batch (a producer's retried XADD).
/// </summary>
internal sealed class RedisReadBatch
{
    private readonly EntryKind[] _kinds;

    private RedisReadBatch(QueueMessage?[] messages, EntryKind[] kinds)
    {
        Messages = messages;
        _kinds = kinds;
    }

    public enum EntryKind
    {
        /// <summary>An item to run.</summary>
        Run,

        /// <summary>Not a Locksmith item (written by something else, or damaged).</summary>
        NotAnItem,

        /// <summary>A redriven copy addressed to another group.</summary>
        ForAnotherGroup,

        /// <summary>A copy of an item the group has finished.</summary>
        Finished,

        /// <summary>A second entry of an item earlier in this batch: skipped if that one finished.</summary>
        RepeatedInBatch,
    }

    public QueueMessage?[] Messages { get; }

    public static async Task<RedisReadBatch> ReadAsync(IDatabase db, StreamEntry[] entries, RedisGroupPartition partition)
    {
        var messages = entries.Select(e => StreamEntryCodec.Read(partition.Queue, e)).ToArray();
        var finished = await db.SortedSetScoresAsync(partition.Finished, [.. messages.Select(m => (RedisValue)(m?.Id ?? string.Empty))]).ConfigureAwait(false);
        var kinds = new EntryKind[entries.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            kinds[i] = messages[i] is not { } message ? EntryKind.NotAnItem
                : StreamEntryCodec.ForGroup(entries[i]) is { } group && group != partition.Group ? EntryKind.ForAnotherGroup
                : finished[i] is not null ? EntryKind.Finished
                : !seen.Add(message.Id) ? EntryKind.RepeatedInBatch
                : EntryKind.Run;
        }

        return new RedisReadBatch(messages, kinds);
    }

    public EntryKind Kind(int index) => _kinds[index];
}
