using Locksmith.Queues;
using Locksmith.Redis.Layout;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Consumes one partition for one group while this process holds its lease: first the entries left unacknowledged by
/// earlier owners (claimed with XAUTOCLAIM), then new ones with XREADGROUP, in stream order, one body at a time. Each
/// item ends in one script (<see cref="RedisItemCommits"/>). Stops between items when shed, and at once (cancelling the
/// body) when the lease is lost or the process stops.
/// </summary>
/// <remarks>
/// Attempts count body starts, recorded in the group's <c>:starts</c> hash before each body runs: Redis's delivery
/// counter also counts hand-overs of prefetched entries that never started. A body interrupted by a graceful stop is
/// not counted (the next owner runs it again); one whose consumer crashed, froze or was cut off is.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The shedding source is disposed when the worker's run ends; nothing outside holds it.")]
internal sealed class RedisPartitionWorker
{
    private const int BatchSize = 32;

    private readonly RedisQueueTransport _transport;
    private readonly QueueConsumption _consumption;
    private readonly RedisGroupPartition _partition;
    private readonly QueueOptions _options;
    private readonly ILockLease _lease;
    private readonly SemaphoreSlim _concurrency;
    private readonly RedisItemCommits _commits;
    private readonly RedisPartitionHousekeeping _housekeeping;
    private readonly CancellationTokenSource _shed = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _leaving = "the consumer stopped";
    private long _starts;

    // Made once per worker, not per item: what each item's RetryStartCounter calls.
    private readonly Func<RedisValue, Task<long>> _countStart;
    private readonly Action<QueueDelivery, QueueItemOutcome> _logFailure;

    private RedisPartitionWorker(
        RedisQueueTransport transport, QueueConsumption consumption, RedisQueueKeys keys, int partition, QueueOptions options, ILockLease lease, SemaphoreSlim concurrency)
    {
        _transport = transport;
        _consumption = consumption;
        _partition = new RedisGroupPartition(keys, partition, options.Group);
        _options = options;
        _lease = lease;
        _concurrency = concurrency;
        _commits = new RedisItemCommits(transport, _partition, options);
        _housekeeping = new RedisPartitionHousekeeping(transport, _partition, options, consumption.ConsumerName);
        _countStart = CountStartAsync;
        _logFailure = (failed, outcome) => QueueTransportLog.QueueItemFailed(_transport.Logger, _partition.Queue, _partition.Number, failed.Message.Id, failed.Attempt, outcome.Exception!);
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
        QueueTransportLog.QueuePartitionTaken(_transport.Logger, _partition.Queue, _consumption.ConsumerName, _partition.Number);
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
                    QueueTransportLog.QueuePartitionFailed(_transport.Logger, _partition.Queue, _partition.Number, e);
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
            QueueTransportLog.QueuePartitionLeft(_transport.Logger, _partition.Queue, _consumption.ConsumerName, _partition.Number, _leaving);
        }
    }

    private async Task<IAsyncDisposable?> SubscribeAsync()
    {
        try
        {
            return await _transport.Wakeups.SubscribeAsync(_partition.WakeChannel, () => _wake.TrySetResult()).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            // Without notices the partition is still polled.
            QueueTransportLog.QueuePartitionFailed(_transport.Logger, _partition.Queue, _partition.Number, e);
            return null;
        }
    }

    private async Task ConsumeAsync(CancellationToken bodies, CancellationToken between)
    {
        await RedisQueueGroups.EnsureAsync(Db, _partition.Stream, _options.Group).ConfigureAwait(false);
        await _commits.RelayOutboxAsync().ConfigureAwait(false);
        await ReclaimAsync(bodies, between).ConfigureAwait(false);
        var idle = TimeSpan.Zero;
        while (!between.IsCancellationRequested)
        {
            if (_housekeeping.Due)
            {
                // Entries still pending under another name (a former owner's, or one that read again after waking from a
                // freeze) are claimed first; their names can then go.
                await ReclaimAsync(bodies, between).ConfigureAwait(false);
                await _housekeeping.RunAsync().ConfigureAwait(false);
                continue;
            }

            var wake = Volatile.Read(ref _wake);
            if (wake.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _wake, new(TaskCreationOptions.RunContinuationsAsynchronously), wake);
            }

            var entries = await Db.StreamReadGroupAsync(_partition.Stream, _options.Group, _consumption.ConsumerName, StreamPosition.NewMessages, BatchSize).ConfigureAwait(false);
            if (entries.Length > 0)
            {
                idle = TimeSpan.Zero;
                if (await PendingBeyondAsync(entries.Length).ConfigureAwait(false))
                {
                    // Earlier entries are pending besides this batch: taken by a former owner's read that was sent before it
                    // was cut off and reached the server after the take-over, or left by a batch of this owner's that an
                    // error cut short. Claim everything pending (this batch included) and run it in stream order, so those
                    // entries do not run after the later ones of their keys.
                    await ReclaimAsync(bodies, between).ConfigureAwait(false);
                    continue;
                }

                await ProcessAsync(entries, bodies, between).ConfigureAwait(false);
                continue;
            }

            if (await PendingBeyondAsync(0).ConfigureAwait(false))
            {
                // Nothing of this owner's is in flight after an empty read, so whatever is pending was taken by a read that
                // reached the server late, and took the newest entries: no later read will bring the check above.
                await ReclaimAsync(bodies, between).ConfigureAwait(false);
                continue;
            }

            await _commits.RelayIfPendingAsync().ConfigureAwait(false);
            idle = idle == TimeSpan.Zero ? TimeSpan.FromMilliseconds(2) : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.IdlePollInterval.Ticks));
            await Task.WhenAny(Volatile.Read(ref _wake).Task, Task.Delay(idle, _transport.Time, between)).ConfigureAwait(false);
            between.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Takes every entry left pending in the partition (by a crashed or stopped owner, or by this one before an error)
    /// and runs them, in order. The lease makes this process the partition's only consumer, so nothing pending belongs
    /// to a live owner; one that froze past its lease and wakes up finds its item already finished.
    /// </summary>
    private async Task ReclaimAsync(CancellationToken bodies, CancellationToken between)
    {
        RedisValue cursor = "0-0";
        do
        {
            var claimed = await Db.StreamAutoClaimAsync(_partition.Stream, _options.Group, _consumption.ConsumerName, 0, cursor, BatchSize).ConfigureAwait(false);
            cursor = claimed.NextStartId;
            var entries = claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray();
            if (entries.Length > 0)
            {
                await ProcessAsync(entries, bodies, between).ConfigureAwait(false);
            }
        }
        while (cursor != "0-0" && !between.IsCancellationRequested);
    }

    /// <summary>Whether the group has more entries pending than the batch just read (none after an empty read): every earlier batch was finished.</summary>
    private async Task<bool> PendingBeyondAsync(int batch) =>
        (await Db.StreamPendingAsync(_partition.Stream, _options.Group).ConfigureAwait(false)).PendingMessageCount > batch;

    private async Task ProcessAsync(StreamEntry[] entries, CancellationToken bodies, CancellationToken between)
    {
        var batch = await RedisReadBatch.ReadAsync(Db, entries, _partition).ConfigureAwait(false);
        for (var i = 0; i < entries.Length && !between.IsCancellationRequested; i++)
        {
            var entry = entries[i];
            var message = batch.Messages[i];
            switch (batch.Kind(i))
            {
                case RedisReadBatch.EntryKind.NotAnItem:
                    await _commits.DeadLetterAsync(entry, null, QueueItemOutcome.Failure(new FormatException($"Stream entry {entry.Id} of {_partition.Stream} is not a Locksmith queue item (it lacks the id, m or a field)."), false), 1).ConfigureAwait(false);
                    continue;
                case RedisReadBatch.EntryKind.ForAnotherGroup:
                    await Db.StreamAcknowledgeAsync(_partition.Stream, _options.Group, entry.Id).ConfigureAwait(false);
                    continue;
                case RedisReadBatch.EntryKind.Finished:
                    await _commits.SkipCopyAsync(entry, message!).ConfigureAwait(false);
                    continue;
                case RedisReadBatch.EntryKind.RepeatedInBatch when await Db.SortedSetScoreAsync(_partition.Finished, message!.Id).ConfigureAwait(false) is not null:
                    await _commits.SkipCopyAsync(entry, message).ConfigureAwait(false);
                    continue;
            }

            await RunAsync(entry, message!, bodies).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs an item's attempts and records how they ended. The first start is counted only once the item holds one of
    /// the queue's concurrency slots, right before its body runs: a start counted while the item still waited for a slot
    /// would stay counted if the process died waiting, and the next owner would take an item that never ran for one that
    /// crashed. An item started more than MaxAttempts times is dead-lettered unrun: its earlier runs took their consumers
    /// down, and it must not take this one too.
    /// </summary>
    private async Task RunAsync(StreamEntry entry, QueueMessage message, CancellationToken bodies)
    {
        await _concurrency.WaitAsync(bodies).ConfigureAwait(false);
        int starts;
        RetryStartCounter? handler = null;
        (QueueItemOutcome Outcome, int Attempts)? ran = null;
        try
        {
            starts = (int)await CountStartAsync(entry.Id).ConfigureAwait(false);
            if (starts <= _options.MaxAttempts)
            {
                var delivery = new QueueDelivery(message, _partition.Number, starts, entry.Id!) { FencingToken = _lease.FencingToken };
                handler = new RetryStartCounter(_consumption.Handler, starts, _countStart, entry.Id, _logFailure);
                ran = await QueueRetries.RunAsync(delivery, handler, _options, handler.FailureRecordedAsync, _transport.Time, bodies).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (bodies.IsCancellationRequested && !_lease.IsLost && handler is { AttemptOpen: true })
        {
            // A graceful stop interrupted the body: the next owner runs it again, and that is not a failed attempt. A lost
            // lease keeps the count: the body may have run on while cut off.
            await UncountAsync(entry.Id).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _concurrency.Release();
        }

        if (ran is not { } result)
        {
            await _commits.DeadLetterAsync(entry, message, QueueItemOutcome.Failure(new InvalidOperationException(
                $"The item was started {starts - 1} time(s) without finishing; its consumers probably crashed or were cut off while running it."), false), starts - 1).ConfigureAwait(false);
            return;
        }

        if (!result.Outcome.Succeeded)
        {
            await _commits.DeadLetterAsync(entry, message, result.Outcome, result.Attempts).ConfigureAwait(false);
            return;
        }

        if (!await _commits.CompleteAsync(entry, message, result.Outcome).ConfigureAwait(false))
        {
            QueueTransportLog.QueueItemAlreadyFinished(_transport.Logger, _partition.Queue, _partition.Number, _partition.Group, message.Id);
        }
    }

    /// <summary>Counts a start once, with a token of its own, so a retry after a lost reply does not count it twice.</summary>
    private Task<long> CountStartAsync(RedisValue entry)
    {
        var token = NextStartToken();
        return _commits.RetryThroughOutageAsync(() => QueueStartScript.EvaluateAsync(Db, _partition.Starts, entry, token));
    }

    private string NextStartToken() => $"{_consumption.ConsumerName}:{Interlocked.Increment(ref _starts)}";

    /// <summary>Takes back a counted start whose body never ran or was interrupted by a graceful stop; best effort, as the count only errs high.</summary>
    private async Task UncountAsync(RedisValue entry)
    {
        try
        {
            await Db.HashDecrementAsync(_partition.Starts, entry).WaitAsync(TimeSpan.FromSeconds(1), _transport.Time).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            QueueTransportLog.QueuePartitionFailed(_transport.Logger, _partition.Queue, _partition.Number, e);
        }
    }
}
