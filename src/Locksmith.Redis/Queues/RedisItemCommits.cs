using Locksmith.Queues;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Ends items for one group in one partition, each in one script: completed (acknowledged, recorded as finished,
/// chained calls into the outbox, reply written) or dead-lettered; then relays the outbox. A script that already ran
/// but whose reply was lost is retried and answers "already finished", so the outbox is relayed whenever it may hold
/// calls, not only after a first completion.
/// </summary>
internal sealed class RedisItemCommits(RedisQueueTransport transport, RedisGroupPartition partition, QueueOptions options)
{
    private IDatabase Db => transport.Database;

    /// <summary>
    /// Completes an item whose body succeeded; returns whether it was completed here (false when the group had already
    /// finished it elsewhere).
    /// </summary>
    public async Task<bool> CompleteAsync(StreamEntry entry, QueueMessage message, QueueItemOutcome outcome)
    {
        var chainedJson = string.Empty;
        if (outcome.Chained.Count > 0)
        {
            var chained = new List<(string Target, QueueMessage Message)>(outcome.Chained.Count);
            foreach (var call in outcome.Chained)
            {
                var (keys, target) = await transport.RouteAsync(call.Message, call.Options).ConfigureAwait(false);
                chained.Add((keys.Stream(target), call.Message));
            }

            chainedJson = StreamEntryCodec.ChainedJson(chained);
        }

        var result = await RetryThroughOutageAsync(() => QueueCompleteScript.EvaluateAsync(
            Db, partition.Stream, partition.Finished, partition.Starts, partition.Outbox, ReplyKey(message),
            options.Group, entry.Id, message.Id, (long)options.CompletedIdRetention.TotalMilliseconds, chainedJson,
            message.ReplyRequested ? 1 : 0, message.ReplyRequested ? ReplyCodec.Success(outcome.Result) : RedisValue.EmptyString,
            (long)options.ResultRetention.TotalMilliseconds, partition.ReplyChannel, transport.Sharded ? 1 : 0)).ConfigureAwait(false);
        if (chainedJson.Length > 0)
        {
            await RelayOutboxAsync().ConfigureAwait(false);
        }

        return result == 1;
    }

    /// <summary>
    /// The key the reply goes to; without a waiting caller the script never writes it, and the partition's stream (in
    /// the same slot) stands in, sparing a key string per item.
    /// </summary>
    private RedisKey ReplyKey(QueueMessage message) => message.ReplyRequested ? partition.Reply(message.Id) : partition.Stream;

    /// <summary>Acknowledges a copy of an item the group already finished, without running it.</summary>
    public Task SkipCopyAsync(StreamEntry entry, QueueMessage message) =>
        CompleteAsync(entry, message, QueueItemOutcome.Success(default, []));

    /// <summary>Dead-letters an item; returns false when the group had already finished it elsewhere.</summary>
    public async Task<bool> DeadLetterAsync(StreamEntry entry, QueueMessage? message, QueueItemOutcome outcome, int attempts)
    {
        var error = QueueError.From(outcome.Exception!, attempts);
        var itemId = message?.Id ?? entry.Id.ToString();

        // Logged before the script: a process killed right after it ran leaves the item dead-lettered, and this record is
        // the only trace of why (the next owner finds nothing pending). One killed before it ran is dead-lettered again.
        QueueTransportLog.QueueItemDeadLettered(transport.Logger, partition.Queue, partition.Number, itemId, attempts, error.Type, error.Message);
        return await RetryThroughOutageAsync(() => QueueDeadLetterScript.EvaluateAsync(
            Db, partition.Stream, partition.DeadLetters, partition.Finished, partition.Starts, partition.Reply(itemId),
            options.Group, entry.Id, itemId, (long)options.CompletedIdRetention.TotalMilliseconds, StreamEntryCodec.FieldsJson(entry.Values),
            error.Type, error.Message, attempts,
            message?.ReplyRequested == true ? 1 : 0, ReplyCodec.Failure(error), (long)options.ResultRetention.TotalMilliseconds,
            partition.ReplyChannel, transport.Sharded ? 1 : 0)).ConfigureAwait(false) == 1;
    }

    /// <summary>Relays the outbox when it holds calls: checked on idle polls, so a relay cut short by a fault is finished without a restart.</summary>
    public async Task RelayIfPendingAsync()
    {
        if (await Db.StreamLengthAsync(partition.Outbox).ConfigureAwait(false) > 0)
        {
            await RelayOutboxAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves chained calls from the outbox to their own partitions. Each append is recorded under its item id on the
    /// target, so a relay repeated after a crash between append and delete appends nothing twice.
    /// </summary>
    public async Task RelayOutboxAsync()
    {
        while (true)
        {
            var entries = await Db.StreamRangeAsync(partition.Outbox, "-", "+", 100).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                var target = (string?)StreamEntryCodec.Field(entry, "t");
                var id = StreamEntryCodec.Field(entry, "id");
                if (target is not null && !id.IsNull)
                {
                    await QueueRelayScript.EvaluateAsync(
                        Db, target, target + ":relayed", id, (long)options.CompletedIdRetention.TotalMilliseconds,
                        StreamEntryCodec.FieldsJson(entry.Values.Where(v => v.Name != "t"))).ConfigureAwait(false);
                    transport.Wakeups.Notify(target + ":wake");
                }

                await Db.StreamDeleteAsync(partition.Outbox, [entry.Id]).ConfigureAwait(false);
            }

            if (entries.Length < 100)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Runs an idempotent script, retrying through a Redis outage for up to the visibility timeout: an outcome after its
    /// body ran (giving up early would make another consumer run it again), or a start record (giving up would leave a
    /// start counted that never ran, when the lost reply hid a script the server did run).
    /// </summary>
    public async Task<T> RetryThroughOutageAsync<T>(Func<Task<T>> commit)
    {
        var deadline = transport.Time.GetUtcNow() + options.VisibilityTimeout;
        while (true)
        {
            try
            {
                return await commit().ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException && transport.Time.GetUtcNow() < deadline)
            {
                QueueTransportLog.QueuePartitionFailed(transport.Logger, partition.Queue, partition.Number, e);
                await Task.Delay(TimeSpan.FromMilliseconds(200), transport.Time).ConfigureAwait(false);
            }
        }
    }
}
