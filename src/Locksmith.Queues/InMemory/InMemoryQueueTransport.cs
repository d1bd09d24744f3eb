using System.Collections.Concurrent;
using System.Globalization;
using Locksmith.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Locksmith.Queues;

/// <summary>
/// Queues in this process's memory, with the Redis transport's semantics: partitions consumed in order by one consumer
/// at a time, retries in place, dead letters, completed ids skipped, chained calls published with the acknowledgement,
/// replay. Items do not survive the process; it is for samples, tests and single-process apps.
/// </summary>
internal sealed class InMemoryQueueTransport(TimeProvider time, ILogger logger) : IQueueTransport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<QueueReply>> _waiting = new(StringComparer.Ordinal);

    public string Name => "in-memory";

    public ValueTask EnqueueAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Append(message, options);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<QueueReply> EnqueueAndWaitAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<QueueReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[message.Id] = reply;
        try
        {
            await EnqueueAsync(message, options, cancellationToken).ConfigureAwait(false);
            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _waiting.TryRemove(message.Id, out _);
        }
    }

    public ValueTask<IAsyncDisposable> StartConsumingAsync(QueueConsumption consumption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumption);
        var stop = new CancellationTokenSource();
        var workers = new List<Task>();
        foreach (var (name, options) in consumption.Queues)
        {
            InMemoryQueue queue;
            lock (_gate)
            {
                queue = Queue(name, options);
                foreach (var partition in queue.Partitions)
                {
                    partition.Group(options.Group);
                }
            }

            var concurrency = new SemaphoreSlim(options.MaxConcurrency > 0 ? options.MaxConcurrency : options.Partitions);
            workers.AddRange(queue.Partitions.Select(p => Task.Run(() => ConsumeAsync(queue, p, options, consumption.Handler, concurrency, stop.Token), CancellationToken.None)));
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Consumer(stop, workers));
    }

    public ValueTask ReplayAsync(string queue, QueueOptions options, QueuePosition from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            foreach (var partition in Queue(queue, options).Partitions)
            {
                var group = partition.Group(options.Group);
                var index = from.Id is { } id
                    ? partition.IndexOf(long.Parse(id, CultureInfo.InvariantCulture))
                    : partition.Entries.FindIndex(e => e.EnqueuedAt >= from.Time!.Value) is var found and >= 0 ? found : partition.Entries.Count;
                foreach (var entry in partition.Entries.Skip(index))
                {
                    group.Completed.Remove(entry.Message.Id);
                }

                group.NextSequence = index < partition.Entries.Count ? partition.Entries[index].Sequence : partition.NextSequence;
                partition.Signal();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<long> RedriveDeadLettersAsync(string queue, QueueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        long moved = 0;
        lock (_gate)
        {
            foreach (var partition in Queue(queue, options).Partitions)
            {
                var group = partition.Group(options.Group);
                foreach (var (entry, _) in group.DeadLetters)
                {
                    partition.Entries.Add(entry with { Sequence = partition.NextSequence++, ForGroup = options.Group });
                    moved++;
                }

                group.DeadLetters.Clear();
                partition.Signal();
            }
        }

        return ValueTask.FromResult(moved);
    }

    /// <summary>The dead letters of <paramref name="queue"/> in <paramref name="group"/> across its partitions, for tests and diagnostics.</summary>
    internal IReadOnlyList<(InMemoryEntry Entry, QueueError Error)> DeadLetters(string queue, string group)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queue, out var found)
                ? [.. found.Partitions.SelectMany(p => p.Groups.TryGetValue(group, out var g) ? g.DeadLetters : [])]
                : [];
        }
    }

    private InMemoryQueue Queue(string name, QueueOptions options)
    {
        if (!_queues.TryGetValue(name, out var queue))
        {
            _queues[name] = queue = new InMemoryQueue(name, options.Partitions);
        }
        else if (queue.Partitions.Length != options.Partitions)
        {
            throw new InvalidOperationException(
                $"Queue '{name}' has {queue.Partitions.Length} partition(s), but this call is configured with {options.Partitions}. " +
                "Give every producer and consumer the same ConfigureQueue settings.");
        }

        return queue;
    }

    private void Append(QueueMessage message, QueueOptions options)
    {
        var queue = Queue(message.Queue, options);
        var partition = queue.Partitions[QueuePartitioner.For(message.PartitionKey, queue.Partitions.Length)];
        partition.Entries.Add(new InMemoryEntry(partition.NextSequence++, message, time.GetUtcNow()));
        partition.Signal();
    }

    private async Task ConsumeAsync(InMemoryQueue queue, InMemoryPartition partition, QueueOptions options, IQueueItemHandler handler, SemaphoreSlim concurrency, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await partition.Owner.WaitAsync(stop).ConfigureAwait(false);
                Task changed;
                try
                {
                    InMemoryEntry? entry;
                    InMemoryGroup group;
                    lock (_gate)
                    {
                        group = partition.Group(options.Group);
                        var index = partition.IndexOf(group.NextSequence);
                        entry = index < partition.Entries.Count ? partition.Entries[index] : null;
                        changed = partition.Changed;
                        if (entry is not null && (group.Completed.ContainsKey(entry.Message.Id) || (entry.ForGroup is { } only && only != options.Group)))
                        {
                            group.NextSequence = entry.Sequence + 1;
                            continue;
                        }
                    }

                    if (entry is not null)
                    {
                        await RunAsync(queue, partition, group, entry, options, handler, concurrency, stop).ConfigureAwait(false);
                        continue;
                    }
                }
                finally
                {
                    partition.Owner.Release();
                }

                await Task.WhenAny(changed, Task.Delay(options.IdlePollInterval, time, stop)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(
        InMemoryQueue queue, InMemoryPartition partition, InMemoryGroup group, InMemoryEntry entry, QueueOptions options,
        IQueueItemHandler handler, SemaphoreSlim concurrency, CancellationToken stop)
    {
        await concurrency.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            int attempt;
            lock (_gate)
            {
                attempt = group.Failures.GetValueOrDefault(entry.Sequence) + 1;
            }

            var delivery = new QueueDelivery(entry.Message, partition.Number, attempt, entry.Sequence.ToString(CultureInfo.InvariantCulture));
            var (outcome, attempts) = await QueueRetries.RunAsync(delivery, handler, options, RecordFailure, time, stop).ConfigureAwait(false);
            lock (_gate)
            {
                group.NextSequence = entry.Sequence + 1;
                group.Failures.Remove(entry.Sequence);
                if (outcome.Succeeded)
                {
                    group.Completed[entry.Message.Id] = time.GetUtcNow();
                    foreach (var call in outcome.Chained)
                    {
                        Append(call.Message, call.Options);
                    }

                    Reply(entry.Message.Id, new QueueReply(outcome.Result, null));
                }
                else
                {
                    var error = QueueError.From(outcome.Exception!, attempts);
                    group.DeadLetters.Add((entry, error));
                    QueueTransportLog.QueueItemDeadLettered(logger, queue.Name, partition.Number, entry.Message.Id, attempts, error.Type, error.Message);
                    Reply(entry.Message.Id, new QueueReply(default, error));
                }

                Trim(partition, options);
            }
        }
        finally
        {
            concurrency.Release();
        }

        ValueTask RecordFailure(QueueDelivery failed, QueueItemOutcome outcome, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                group.Failures[entry.Sequence] = failed.Attempt;
            }

            QueueTransportLog.QueueItemFailed(logger, queue.Name, partition.Number, entry.Message.Id, failed.Attempt, outcome.Exception!);
            return ValueTask.CompletedTask;
        }
    }

    private void Reply(string id, QueueReply reply)
    {
        if (_waiting.TryRemove(id, out var waiting))
        {
            waiting.TrySetResult(reply);
        }
    }

    /// <summary>Drops items every group has passed once they are older than the retention, and completed ids past theirs.</summary>
    private void Trim(InMemoryPartition partition, QueueOptions options)
    {
        var now = time.GetUtcNow();
        if (now - partition.LastTrim < TimeSpan.FromSeconds(1))
        {
            return;
        }

        partition.LastTrim = now;
        var passed = partition.Groups.Values.Min(g => g.NextSequence);
        var removable = partition.Entries.FindIndex(e => e.Sequence >= passed || now - e.EnqueuedAt < options.Retention);
        partition.Entries.RemoveRange(0, removable < 0 ? partition.Entries.Count : removable);
        foreach (var group in partition.Groups.Values)
        {
            foreach (var id in group.Completed.Where(c => now - c.Value > options.CompletedIdRetention).Select(c => c.Key).ToList())
            {
                group.Completed.Remove(id);
            }
        }
    }

    private sealed class Consumer(CancellationTokenSource stop, List<Task> workers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workers).ConfigureAwait(false);
            stop.Dispose();
        }
    }
}
