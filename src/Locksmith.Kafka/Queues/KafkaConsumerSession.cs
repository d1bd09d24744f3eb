using Confluent.Kafka;
using Locksmith.Diagnostics;
using Locksmith.Kafka.Internal;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// One life of a queue's group member: a Kafka consumer with Kafka's own (cooperative) partition assignment, a worker
/// per assigned partition, and a transactional producer that commits finished work. Everything touching the consumer
/// runs on one thread, the poll thread, including the rebalance callbacks, so commits and revocations never race.
/// </summary>
internal sealed class KafkaConsumerSession : IDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryCommitAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>While bodies are busy, commits are batched this long; an idle consumer commits as soon as work finishes.</summary>
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Records handed to workers per poll round before finished work is committed.</summary>
    private const int MaxHandOver = 1000;

    private readonly KafkaConsumerContext _context;
    private readonly string _consumerName;
    private readonly string _topic;
    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly Dictionary<int, KafkaPartitionWorker> _workers = [];

    /// <summary>Finished records counted in the partitions' offsets whose commit (and writes) has not succeeded yet.</summary>
    private readonly List<KafkaCompletion> _uncommitted = [];
    private DateTime _committedAt;
    private DateTime _retryCommitAt;

    public KafkaConsumerSession(KafkaConsumerContext context, string consumerName)
    {
        _context = context;
        _consumerName = consumerName;
        var transport = context.Transport;
        _topic = transport.Names.Items(context.Queue);
        var group = transport.Names.Group(context.Queue, context.Options.Group);
        _consumer = transport.Clients.GroupConsumer(group, context.Options)
            .SetPartitionsAssignedHandler((_, partitions) => Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Revoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => Lost(partitions))
            .Build();
        try
        {
            // One transactional id per session: with the group's metadata sent along (KIP-447), the brokers fence a
            // zombie by the group generation, so the id need not be tied to partitions.
            _producer = transport.Clients.Producer($"{group}.{consumerName}.{Guid.NewGuid():N}");
            _producer.InitTransactions(ClientTimeout);
        }
        catch
        {
            _consumer.Dispose();
            throw;
        }
    }

    /// <summary>How long a running body may finish after its partition is revoked or the consumer stops, before it is cancelled.</summary>
    private TimeSpan Grace => TimeSpan.FromTicks(Math.Min(_context.Options.VisibilityTimeout.Ticks / 2, TimeSpan.FromSeconds(5).Ticks));

    /// <summary>Polls until <paramref name="stopping"/> fires, then finishes, commits and leaves the group.</summary>
    public void Run(CancellationToken stopping)
    {
        _consumer.Subscribe(_topic);
        while (!stopping.IsCancellationRequested)
        {
            if (_context.Failure is { } failure)
            {
                _context.ClearFailure();
                throw new InvalidOperationException($"Queue \"{_context.Queue}\": a partition worker failed.", failure);
            }

            // Wait briefly for the first record, then hand over what librdkafka has already fetched, up to a batch, before
            // committing: one commit per record would make the commit round trip the consumer's speed limit.
            var record = _consumer.Consume(AnyPending() ? 2 : 100);
            for (var handed = 0; record is not null; handed++)
            {
                if (record.Message is not null && _workers.TryGetValue(record.Partition.Value, out var worker))
                {
                    worker.Post(record);
                    PauseIfFull(worker);
                }

                record = handed + 1 < MaxHandOver ? _consumer.Consume(0) : null;
            }

            CommitFinished();
            ApplyBackpressure();
        }

        StopWorkers([.. _workers.Keys]);
        _consumer.Close();
    }

    public void Dispose()
    {
        _producer.Dispose();
        _consumer.Dispose();
    }

    private bool AnyPending()
    {
        foreach (var worker in _workers.Values)
        {
            if (worker.Offsets.Pending > 0)
            {
                return true;
            }
        }

        return false;
    }

    private void Assigned(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _workers[partition.Partition.Value] = new KafkaPartitionWorker(_context, partition.Partition.Value);
            Log.QueuePartitionTaken(_context.Logger, _context.Queue, _consumerName, partition.Partition.Value);
        }
    }

    /// <summary>A rebalance takes partitions away: finish or cancel their bodies, commit what completed, then let go.</summary>
    private void Revoked(List<TopicPartitionOffset> partitions)
    {
        StopWorkers([.. partitions.Select(p => p.Partition.Value)]);
        foreach (var partition in partitions)
        {
            Log.QueuePartitionLeft(_context.Logger, _context.Queue, _consumerName, partition.Partition.Value, "revoked in a rebalance");
        }
    }

    /// <summary>The group moved on without us (session timed out): another member owns them now, so nothing may be committed.</summary>
    private void Lost(List<TopicPartitionOffset> partitions)
    {
        foreach (var partition in partitions)
        {
            if (_workers.Remove(partition.Partition.Value, out var worker))
            {
                worker.Stop(TimeSpan.Zero);
                worker.Dispose();
            }

            Log.QueuePartitionLeft(_context.Logger, _context.Queue, _consumerName, partition.Partition.Value, "lost: the session timed out");
        }

        DropCompletionsOfUnownedPartitions();
    }

    private void StopWorkers(IReadOnlyList<int> partitions)
    {
        var grace = Grace;
        foreach (var partition in partitions)
        {
            if (_workers.TryGetValue(partition, out var worker))
            {
                worker.Stop(grace);
            }
        }

        // The partitions are about to go: this is the last chance to commit their work, so no waiting for a retry slot.
        CommitFinished(now: true);
        foreach (var partition in partitions)
        {
            if (_workers.Remove(partition, out var worker))
            {
                worker.Dispose();
            }
        }
    }

    private void DropCompletionsOfUnownedPartitions()
    {
        var kept = new List<KafkaCompletion>();
        while (_context.Completed.TryDequeue(out var completion))
        {
            if (_workers.ContainsKey(completion.Partition))
            {
                kept.Add(completion);
            }
        }

        foreach (var completion in kept)
        {
            _context.Completed.Enqueue(completion);
        }

        // Their offsets can no longer be committed, so their writes must not be either: the new owner runs them again.
        _uncommitted.RemoveAll(c => !_workers.ContainsKey(c.Partition));
    }

    /// <summary>
    /// Commits every finished record: per partition, the offset after the contiguous completed prefix. Records whose
    /// outcome writes something (chained calls, replies, dead letters) are committed in one transaction with those
    /// writes and the offsets, so either all of it happens or none; a batch without writes is a plain offset commit.
    /// A commit the group refuses for now (a rebalance in progress) is tried again shortly, with the same writes.
    /// </summary>
    private void CommitFinished(bool now = false)
    {
        while (_context.Completed.TryDequeue(out var completion))
        {
            if (_workers.TryGetValue(completion.Partition, out var worker) && worker.Offsets.Complete(completion.Offset))
            {
                _uncommitted.Add(completion);
            }
        }

        if (_uncommitted.Count == 0 || (!now && (DateTime.UtcNow < _retryCommitAt || (AnyPending() && DateTime.UtcNow - _committedAt < CommitInterval))))
        {
            return;
        }

        var offsets = _workers.Values
            .Where(w => w.Offsets.Uncommitted is not null)
            .Select(w => new TopicPartitionOffset(_topic, w.Partition, w.Offsets.Uncommitted!.Value))
            .ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        _committedAt = DateTime.UtcNow;

        var writes = _uncommitted.Where(c => c.Produces).ToList();
        try
        {
            if (writes.Count > 0)
            {
                new KafkaOutcomeTransaction(_context, _producer, _consumer).Commit(writes, offsets);

                // Committed writes must never be written again, even if the offsets' own commit below is retried.
                RememberCompleted(writes);
                _uncommitted.RemoveAll(c => c.Produces);
            }

            if (writes.Count == 0 || _context.Transport.Options.RecommitOffsetsAfterTransaction)
            {
                _consumer.Commit(offsets);
            }
        }
        catch (Exception e) when (e is not KafkaException { Error.IsFatal: true })
        {
            Log.KafkaTransactionRetried(_context.Logger, _context.Queue, writes.Count, e);
            _retryCommitAt = DateTime.UtcNow + RetryCommitAfter;
            return;
        }

        foreach (var offset in offsets)
        {
            _workers[offset.Partition.Value].Offsets.MarkCommitted(offset.Offset.Value);
        }

        RememberCompleted(_uncommitted);
        _uncommitted.Clear();
    }

    /// <summary>Committed items' ids, so that a copy enqueued again is skipped.</summary>
    private void RememberCompleted(IEnumerable<KafkaCompletion> committed)
    {
        foreach (var completion in committed)
        {
            if (completion.Outcome is { Succeeded: true })
            {
                _context.CompletedIds.Add(completion.Message!.Id);
            }
        }
    }

    /// <summary>Stops fetching a partition whose worker holds <see cref="KafkaQueueOptions.MaxBufferedPerPartition"/> records.</summary>
    private void PauseIfFull(KafkaPartitionWorker worker)
    {
        if (!worker.Paused && worker.Buffered >= _context.Transport.Options.MaxBufferedPerPartition)
        {
            _consumer.Pause([new TopicPartition(_topic, worker.Partition)]);
            worker.Paused = true;
            _context.Transport.Options.OnBackpressure?.Invoke(worker.Partition, true, worker.Buffered);
        }
    }

    /// <summary>Fetches again for paused partitions whose workers drained below half the limit.</summary>
    private void ApplyBackpressure()
    {
        var limit = _context.Transport.Options.MaxBufferedPerPartition;
        foreach (var worker in _workers.Values)
        {
            if (worker.Paused && worker.Buffered <= limit / 2)
            {
                _consumer.Resume([new TopicPartition(_topic, worker.Partition)]);
                worker.Paused = false;
                _context.Transport.Options.OnBackpressure?.Invoke(worker.Partition, false, worker.Buffered);
            }
        }
    }
}
