using Confluent.Kafka;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;

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
    private DateTimeOffset _committedAt;
    private DateTimeOffset _retryCommitAt;

    /// <summary>A transaction whose commit returned a retriable error and must be resumed before anything else is committed.</summary>
    private KafkaOutcomeTransaction? _pending;
    private DateTimeOffset _pendingSince;

    /// <summary>Set once the session fails: nothing more may be committed, since its producer may be fenced or wedged.</summary>
    private bool _failed;

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
        try
        {
            Poll(stopping);
        }
        catch
        {
            Abandon();
            throw;
        }

        StopWorkers([.. _workers.Keys]);
        _consumer.Close();
    }

    private void Poll(CancellationToken stopping)
    {
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
    }

    /// <summary>
    /// The session failed (its producer fenced or wedged, a worker or the cluster failing): cancel the bodies, commit
    /// nothing more, and leave the group so that the next session (or another member) gets the partitions at once and
    /// runs their uncommitted records again.
    /// </summary>
    private void Abandon()
    {
        _failed = true;
        KafkaPartitionWorker.StopAll([.. _workers.Values], TimeSpan.Zero, _context.Options.VisibilityTimeout);
        foreach (var worker in _workers.Values)
        {
            worker.Dispose();
        }

        _workers.Clear();
        _context.Completed.Clear();
        _uncommitted.Clear();
        try
        {
            _consumer.Close();
        }
        catch (KafkaException)
        {
            // Leaving is a courtesy here: without it the group moves the partitions once the session times out.
        }
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
            QueueTransportLog.QueuePartitionTaken(_context.Logger, _context.Queue, _consumerName, partition.Partition.Value);
        }
    }

    /// <summary>A rebalance takes partitions away: finish or cancel their bodies, commit what completed, then let go.</summary>
    private void Revoked(List<TopicPartitionOffset> partitions)
    {
        if (_failed)
        {
            return;
        }

        StopWorkers([.. partitions.Select(p => p.Partition.Value)]);
        foreach (var partition in partitions)
        {
            QueueTransportLog.QueuePartitionLeft(_context.Logger, _context.Queue, _consumerName, partition.Partition.Value, "revoked in a rebalance");
        }
    }

    /// <summary>The group moved on without us (session timed out): another member owns them now, so nothing may be committed.</summary>
    private void Lost(List<TopicPartitionOffset> partitions)
    {
        var lost = new List<KafkaPartitionWorker>();
        foreach (var partition in partitions)
        {
            if (_workers.Remove(partition.Partition.Value, out var worker))
            {
                lost.Add(worker);
            }

            QueueTransportLog.QueuePartitionLeft(_context.Logger, _context.Queue, _consumerName, partition.Partition.Value, "lost: the session timed out");
        }

        KafkaPartitionWorker.StopAll(lost, TimeSpan.Zero, _context.Options.VisibilityTimeout);
        lost.ForEach(w => w.Dispose());
        DropCompletionsOfUnownedPartitions();
    }

    /// <summary>
    /// Stops the partitions' workers together against one deadline, commits what they finished (the last chance: no
    /// waiting for a retry slot), and lets them go. If that commit fails, their finished work is dropped, not kept for a
    /// later transaction: that one could not commit their offsets, so their writes would be published while the new owner
    /// runs the records again.
    /// </summary>
    private void StopWorkers(IReadOnlyList<int> partitions)
    {
        var stopping = partitions.Select(p => _workers.GetValueOrDefault(p)).OfType<KafkaPartitionWorker>().ToList();
        KafkaPartitionWorker.StopAll(stopping, Grace, _context.Options.VisibilityTimeout);
        CommitFinished(now: true);
        foreach (var partition in partitions)
        {
            if (_workers.Remove(partition, out var worker))
            {
                worker.Dispose();
            }
        }

        DropCompletionsOfUnownedPartitions();
    }

    private void DropCompletionsOfUnownedPartitions()
    {
        var kept = new List<KafkaCompletion>();
        while (_context.Completed.TryDequeue(out var completion))
        {
            if (IsOwnWorker(completion))
            {
                kept.Add(completion);
            }
        }

        foreach (var completion in kept)
        {
            _context.Completed.Enqueue(completion);
        }

        // Their offsets can no longer be committed, so their writes must not be either: the new owner runs them again.
        foreach (var dropped in _uncommitted.Where(c => !IsOwnWorker(c)).GroupBy(c => c.Partition))
        {
            KafkaLog.RevokedWorkDropped(_context.Logger, _context.Queue, dropped.Key, dropped.Count());
        }

        _uncommitted.RemoveAll(c => !IsOwnWorker(c));
    }

    /// <summary>Whether the completion comes from the worker that runs its partition now (not one that was replaced).</summary>
    private bool IsOwnWorker(KafkaCompletion completion) =>
        _workers.TryGetValue(completion.Partition, out var worker) && ReferenceEquals(worker, completion.Worker);

    /// <summary>
    /// Commits every finished record: per partition, the offset after the contiguous completed prefix. Records whose
    /// outcome writes something (chained calls, replies, dead letters) are committed in one transaction with those
    /// writes and the offsets, so either all of it happens or none; a batch without writes is a plain offset commit.
    /// A transaction writes only the outcomes whose offsets it commits. A commit the group refuses for now (a rebalance
    /// in progress) or that was aborted is tried again shortly; a commit that returned a retriable error is resumed.
    /// </summary>
    private void CommitFinished(bool now = false)
    {
        while (_context.Completed.TryDequeue(out var completion))
        {
            if (IsOwnWorker(completion) && completion.Worker.Offsets.Complete(completion.Offset))
            {
                _uncommitted.Add(completion);
            }
        }

        if (!now && _context.Time.GetUtcNow() < _retryCommitAt)
        {
            return;
        }

        if (_pending is not null && !ResumePending())
        {
            return;
        }

        var offsets = CommittableOffsets();
        if (offsets is null || (!now && AnyPending() && _context.Time.GetUtcNow() - _committedAt < CommitInterval))
        {
            return;
        }

        _committedAt = _context.Time.GetUtcNow();
        var batch = new KafkaCommitBatch(offsets, _uncommitted);
        if (batch.Writes.Count > 0)
        {
            var transaction = new KafkaOutcomeTransaction(_context, _producer, _consumer, batch);
            switch (transaction.Run())
            {
                case KafkaTransactionResult.CommitPending:
                    _pending = transaction;
                    _pendingSince = _context.Time.GetUtcNow();
                    _retryCommitAt = _context.Time.GetUtcNow() + RetryCommitAfter;
                    return;
                case KafkaTransactionResult.Aborted:
                    _retryCommitAt = _context.Time.GetUtcNow() + RetryCommitAfter;
                    return;
                default:
                    TransactionCommitted(batch);
                    return;
            }
        }

        if (!TryCommitPlainly(offsets))
        {
            return;
        }

        MarkCommitted(offsets);
        RememberCompleted(batch.Completions);
        _uncommitted.RemoveAll(batch.Covers);
    }

    /// <summary>A plain offset commit; one the group refuses for now (a rebalance in progress) is tried again shortly.</summary>
    private bool TryCommitPlainly(List<TopicPartitionOffset> offsets)
    {
        try
        {
            _consumer.Commit(offsets);
            return true;
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
            KafkaLog.KafkaTransactionRetried(_context.Logger, _context.Queue, 0, e);
            _retryCommitAt = _context.Time.GetUtcNow() + RetryCommitAfter;
            return false;
        }
    }

    /// <summary>Per owned partition, the offset to commit when it moved; null when none did.</summary>
    private List<TopicPartitionOffset>? CommittableOffsets()
    {
        List<TopicPartitionOffset>? offsets = null;
        foreach (var worker in _workers.Values)
        {
            if (worker.Offsets.Uncommitted is { } offset)
            {
                (offsets ??= []).Add(new TopicPartitionOffset(_topic, worker.Partition, offset));
            }
        }

        return offsets;
    }

    /// <summary>
    /// Resumes the commit that returned a retriable error; true once it is resolved (committed or aborted), so that
    /// new work may be committed. Past the transaction timeout the coordinator aborts it anyway, and a producer still
    /// answering retriably by then is wedged: the session restarts with a new one.
    /// </summary>
    private bool ResumePending()
    {
        var transaction = _pending!;
        switch (transaction.Commit())
        {
            case KafkaTransactionResult.Committed:
                _pending = null;
                TransactionCommitted(transaction.Batch);
                return true;
            case KafkaTransactionResult.Aborted:
                // Its finished items are still uncommitted; the next transaction carries those of partitions still owned.
                _pending = null;
                return true;
            default:
                if (_context.Time.GetUtcNow() - _pendingSince > KafkaClients.TransactionTimeout)
                {
                    throw new InvalidOperationException(
                        $"Queue \"{_context.Queue}\": a transaction's commit kept failing with retriable errors for {KafkaClients.TransactionTimeout.TotalSeconds:F0} s; " +
                        "the consumer starts again with a new producer, from the committed offsets.");
                }

                _retryCommitAt = _context.Time.GetUtcNow() + RetryCommitAfter;
                return false;
        }
    }

    /// <summary>The transaction committed its writes (and, on a real cluster, its offsets): they must never be written again.</summary>
    private void TransactionCommitted(KafkaCommitBatch batch)
    {
        RememberCompleted(batch.Writes);
        _uncommitted.RemoveAll(c => c.Produces && batch.Covers(c));
        MarkCommitted(batch.Offsets);
        RememberCompleted(batch.Completions.Where(c => !c.Produces));
        _uncommitted.RemoveAll(batch.Covers);
    }

    private void MarkCommitted(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            if (_workers.TryGetValue(offset.Partition.Value, out var worker))
            {
                worker.Offsets.MarkCommitted(offset.Offset.Value);
            }
        }
    }

    /// <summary>Committed items' ids, so that a copy enqueued again is skipped.</summary>
    private void RememberCompleted(IEnumerable<KafkaCompletion> committed)
    {
        foreach (var completion in committed)
        {
            if (completion.Outcome is { Succeeded: true })
            {
                _context.CompletedIds.Add(completion.Id!);
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
