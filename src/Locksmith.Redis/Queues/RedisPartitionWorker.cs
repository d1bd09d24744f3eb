using Locksmith.Diagnostics;
using Locksmith.Queues;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Consumes one partition while this process holds its lease: first the entries left unacknowledged by earlier owners
/// (claimed with XAUTOCLAIM; their earlier attempts count), then new ones with XREADGROUP, in stream order, one body at
/// a time. Each item ends in one script: completed (acknowledged, recorded, chained calls and reply written) or dead-
/// lettered. Stops between items when shed, and at once (cancelling the body) when the lease is lost or the process stops.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The shedding source is disposed when the worker's run ends; nothing outside holds it.")]
internal sealed class RedisPartitionWorker
{
    private const int BatchSize = 32;
    private static readonly TimeSpan TrimEvery = TimeSpan.FromSeconds(30);

    private readonly RedisQueueTransport _transport;
    private readonly QueueConsumption _consumption;
    private readonly RedisQueueKeys _keys;
    private readonly int _partition;
    private readonly QueueOptions _options;
    private readonly ILockLease _lease;
    private readonly SemaphoreSlim _concurrency;
    private readonly CancellationTokenSource _shed = new();
    private readonly string _stream;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _leaving = "the consumer stopped";
    private long _lastTrim;

    private RedisPartitionWorker(
        RedisQueueTransport transport, QueueConsumption consumption, RedisQueueKeys keys, int partition, QueueOptions options, ILockLease lease, SemaphoreSlim concurrency)
    {
        _transport = transport;
        _consumption = consumption;
        _keys = keys;
        _partition = partition;
        _options = options;
        _lease = lease;
        _concurrency = concurrency;
        _stream = keys.Stream(partition);
    }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public bool Shedding => _shed.IsCancellationRequested;

    private IDatabase Db => _transport.Database;

    public static RedisPartitionWorker Start(
        RedisQueueTransport transport, QueueConsumption consumption, RedisQueueKeys keys, int partition, QueueOptions options, ILockLease lease, SemaphoreSlim concurrency, CancellationToken stop)
    {
        var worker = new RedisPartitionWorker(transport, consumption, keys, partition, options, lease, concurrency);
        worker.Completion = Task.Run(() => worker.RunAsync(stop), CancellationToken.None);
        return worker;
    }

    /// <summary>Finishes the running item, then gives the partition back.</summary>
    public void Shed(string reason)
    {
        _leaving = reason;
        _shed.Cancel();
        _wake.TrySetResult();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var bodies = CancellationTokenSource.CreateLinkedTokenSource(stop, _lease.LostToken);
        using var between = CancellationTokenSource.CreateLinkedTokenSource(bodies.Token, _shed.Token);
        var subscription = await SubscribeAsync().ConfigureAwait(false);
        Log.QueuePartitionTaken(_transport.Logger, _keys.Queue, _consumption.ConsumerName, _partition);
        try
        {
            while (!between.IsCancellationRequested)
            {
                try
                {
                    await ConsumeAsync(bodies.Token, between.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (between.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    Log.QueuePartitionFailed(_transport.Logger, _keys.Queue, _partition, e);
                    // WhenAny: a stop during the pause ends it without an exception; the loop condition then exits.
                    await Task.WhenAny(Task.Delay(_transport.Options.RecheckInterval, _transport.Time, between.Token)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (_lease.IsLost)
            {
                _leaving = "its lease was lost";
            }

            if (subscription is not null)
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }

            await _lease.DisposeAsync().ConfigureAwait(false);
            Log.QueuePartitionLeft(_transport.Logger, _keys.Queue, _consumption.ConsumerName, _partition, _leaving);
        }
    }

    private async Task<IAsyncDisposable?> SubscribeAsync()
    {
        try
        {
            return await _transport.Wakeups.SubscribeAsync(_keys.WakeChannel(_partition), () => _wake.TrySetResult()).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            // Without notices the partition is still polled.
            Log.QueuePartitionFailed(_transport.Logger, _keys.Queue, _partition, e);
            return null;
        }
    }

    private async Task ConsumeAsync(CancellationToken bodies, CancellationToken between)
    {
        await RedisQueueGroups.EnsureAsync(Db, _stream, _options.Group).ConfigureAwait(false);
        await RelayOutboxAsync().ConfigureAwait(false);
        await ReclaimAsync(bodies, between).ConfigureAwait(false);
        var idle = TimeSpan.Zero;
        while (!between.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            if (wake.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _wake, new(TaskCreationOptions.RunContinuationsAsynchronously), wake);
            }

            var entries = await Db.StreamReadGroupAsync(_stream, _options.Group, _consumption.ConsumerName, StreamPosition.NewMessages, BatchSize).ConfigureAwait(false);
            if (entries.Length > 0)
            {
                idle = TimeSpan.Zero;
                await ProcessAsync(entries, null, bodies, between).ConfigureAwait(false);
                continue;
            }

            await TrimIfDueAsync().ConfigureAwait(false);
            idle = idle == TimeSpan.Zero ? TimeSpan.FromMilliseconds(2) : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.IdlePollInterval.Ticks));
            await Task.WhenAny(Volatile.Read(ref _wake).Task, Task.Delay(idle, _transport.Time, between)).ConfigureAwait(false);
            between.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Takes every entry left pending in the partition (by a crashed or stopped owner, or by this one before an error)
    /// and runs them first, in order. The lease makes this process the partition's only consumer, so nothing pending
    /// belongs to a live owner; one that froze past its lease and wakes up finds its item already completed.
    /// </summary>
    private async Task ReclaimAsync(CancellationToken bodies, CancellationToken between)
    {
        RedisValue cursor = "0-0";
        do
        {
            var claimed = await Db.StreamAutoClaimAsync(_stream, _options.Group, _consumption.ConsumerName, 0, cursor, BatchSize).ConfigureAwait(false);
            cursor = claimed.NextStartId;
            var entries = claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray();
            if (entries.Length == 0)
            {
                continue;
            }

            var pending = await Db.StreamPendingMessagesAsync(_stream, _options.Group, entries.Length, _consumption.ConsumerName, entries[0].Id, entries[^1].Id).ConfigureAwait(false);
            var deliveries = pending.ToDictionary(p => (string)p.MessageId!, p => p.DeliveryCount);
            await ProcessAsync(entries, deliveries, bodies, between).ConfigureAwait(false);
        }
        while (cursor != "0-0" && !between.IsCancellationRequested);
    }

    private async Task ProcessAsync(StreamEntry[] entries, Dictionary<string, int>? deliveries, CancellationToken bodies, CancellationToken between)
    {
        var messages = entries.Select(e => StreamEntryCodec.Read(_keys.Queue, e)).ToArray();
        var completed = await Db.SortedSetScoresAsync(_keys.Completed(_partition), [.. messages.Select(m => (RedisValue)(m?.Id ?? string.Empty))]).ConfigureAwait(false);
        var tries = deliveries is null
            ? new RedisValue[entries.Length]
            : await Db.HashGetAsync(_keys.Tries(_partition), [.. entries.Select(e => e.Id)]).ConfigureAwait(false);
        for (var i = 0; i < entries.Length && !between.IsCancellationRequested; i++)
        {
            var entry = entries[i];
            var message = messages[i];
            if (message is null)
            {
                await DeadLetterAsync(entry, null, QueueItemOutcome.Failure(new FormatException($"Stream entry {entry.Id} of {_stream} is not a Locksmith queue item (it lacks the id, m or a field)."), false), 1).ConfigureAwait(false);
                continue;
            }

            if (completed[i] is not null)
            {
                await CompleteAsync(entry, message, QueueItemOutcome.Success(default, [])).ConfigureAwait(false);
                continue;
            }

            var failed = tries[i].IsNull ? 0 : (int)tries[i];
            await RunAsync(entry, message, failed, deliveries?.GetValueOrDefault(entry.Id!, 1) ?? 1, bodies).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs an item's attempts. Its attempt number counts the failures recorded by earlier owners plus Redis's delivery
    /// count, which also counts deliveries whose consumer crashed mid-body; a failure records how many attempts failed
    /// in process, so the sum stays right after any number of crashes.
    /// </summary>
    private async Task RunAsync(StreamEntry entry, QueueMessage message, int failed, int deliveryCount, CancellationToken bodies)
    {
        var attempt = failed + deliveryCount;
        var delivery = new QueueDelivery(message, _partition, attempt, entry.Id!) { FencingToken = _lease.FencingToken };
        if (attempt > _options.MaxAttempts)
        {
            // Its earlier attempts crashed the consumers that made them: a poison item must not take the next one down too.
            await DeadLetterAsync(entry, message, QueueItemOutcome.Failure(new InvalidOperationException(
                $"The item was delivered {attempt - 1} time(s) without completing; its consumers probably crashed while running it."), false), attempt - 1).ConfigureAwait(false);
            return;
        }

        await _concurrency.WaitAsync(bodies).ConfigureAwait(false);
        (QueueItemOutcome Outcome, int Attempts) result;
        try
        {
            result = await QueueRetries.RunAsync(delivery, _consumption.Handler, _options, RecordFailureAsync, _transport.Time, bodies).ConfigureAwait(false);

            async ValueTask RecordFailureAsync(QueueDelivery failedAttempt, QueueItemOutcome outcome, CancellationToken cancellationToken)
            {
                Log.QueueItemFailed(_transport.Logger, _keys.Queue, _partition, message.Id, failedAttempt.Attempt, outcome.Exception!);
                await Db.HashSetAsync(_keys.Tries(_partition), entry.Id, failedAttempt.Attempt - deliveryCount + 1).ConfigureAwait(false);
            }
        }
        finally
        {
            _concurrency.Release();
        }

        if (result.Outcome.Succeeded)
        {
            await CompleteAsync(entry, message, result.Outcome).ConfigureAwait(false);
        }
        else
        {
            await DeadLetterAsync(entry, message, result.Outcome, result.Attempts).ConfigureAwait(false);
        }
    }

    private async Task CompleteAsync(StreamEntry entry, QueueMessage message, QueueItemOutcome outcome)
    {
        var chained = new List<(string Target, QueueMessage Message)>();
        foreach (var call in outcome.Chained)
        {
            var (keys, partition) = await _transport.RouteAsync(call.Message, call.Options).ConfigureAwait(false);
            chained.Add((keys.Stream(partition), call.Message));
        }

        var result = await CommitAsync(() => QueueCompleteScript.EvaluateAsync(
            Db, _stream, _keys.Completed(_partition), _keys.Tries(_partition), _keys.Outbox(_partition), _keys.Reply(_partition, message.Id),
            _options.Group, entry.Id, message.Id, (long)_options.CompletedIdRetention.TotalMilliseconds,
            chained.Count == 0 ? string.Empty : StreamEntryCodec.ChainedJson(chained),
            message.ReplyRequested ? 1 : 0, ReplyCodec.Success(outcome.Result), (long)_options.ResultRetention.TotalMilliseconds,
            _keys.ReplyChannel(_partition), _transport.Sharded ? 1 : 0)).ConfigureAwait(false);
        if (result == 1 && chained.Count > 0)
        {
            await RelayOutboxAsync().ConfigureAwait(false);
        }
    }

    private async Task DeadLetterAsync(StreamEntry entry, QueueMessage? message, QueueItemOutcome outcome, int attempts)
    {
        var error = QueueError.From(outcome.Exception!, attempts);
        var itemId = message?.Id ?? entry.Id.ToString();
        Log.QueueItemDeadLettered(_transport.Logger, _keys.Queue, _partition, itemId, attempts, error.Type, error.Message);
        await CommitAsync(() => QueueDeadLetterScript.EvaluateAsync(
            Db, _stream, _keys.DeadLetters(_partition), _keys.Tries(_partition), _keys.Reply(_partition, itemId),
            _options.Group, entry.Id, itemId, StreamEntryCodec.FieldsJson(entry.Values), error.Type, error.Message, attempts,
            message?.ReplyRequested == true ? 1 : 0, ReplyCodec.Failure(error), (long)_options.ResultRetention.TotalMilliseconds,
            _keys.ReplyChannel(_partition), _transport.Sharded ? 1 : 0)).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits an item's outcome, retrying through a Redis outage for up to the visibility timeout: the body has run, so
    /// giving up early would make another consumer run it again.
    /// </summary>
    private async Task<long> CommitAsync(Func<Task<long>> commit)
    {
        var deadline = _transport.Time.GetUtcNow() + _options.VisibilityTimeout;
        while (true)
        {
            try
            {
                return await commit().ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException && _transport.Time.GetUtcNow() < deadline)
            {
                Log.QueuePartitionFailed(_transport.Logger, _keys.Queue, _partition, e);
                await Task.Delay(TimeSpan.FromMilliseconds(200), _transport.Time).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Moves chained calls from this partition's outbox to their own partitions. Each append is recorded under its item
    /// id on the target, so a relay repeated after a crash between append and delete appends nothing twice.
    /// </summary>
    private async Task RelayOutboxAsync()
    {
        var outbox = _keys.Outbox(_partition);
        while (true)
        {
            var entries = await Db.StreamRangeAsync(outbox, "-", "+", 100).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                var target = (string?)StreamEntryCodec.Field(entry, "t");
                var id = StreamEntryCodec.Field(entry, "id");
                if (target is not null && !id.IsNull)
                {
                    await QueueRelayScript.EvaluateAsync(
                        Db, target, target + ":relayed", id, (long)_options.CompletedIdRetention.TotalMilliseconds,
                        StreamEntryCodec.FieldsJson(entry.Values.Where(v => v.Name != "t"))).ConfigureAwait(false);
                    _transport.Wakeups.Notify(target + ":wake");
                }

                await Db.StreamDeleteAsync(outbox, [entry.Id]).ConfigureAwait(false);
            }

            if (entries.Length < 100)
            {
                return;
            }
        }
    }

    private async Task TrimIfDueAsync()
    {
        var now = _transport.Time.GetTimestamp();
        if (_lastTrim != 0 && _transport.Time.GetElapsedTime(_lastTrim, now) < TrimEvery)
        {
            return;
        }

        _lastTrim = now;
        await QueueTrimScript.EvaluateAsync(Db, _stream, (long)_options.Retention.TotalMilliseconds).ConfigureAwait(false);
    }
}
