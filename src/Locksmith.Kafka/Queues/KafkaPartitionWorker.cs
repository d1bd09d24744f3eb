using System.Threading.Channels;
using Confluent.Kafka;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;
using Microsoft.Extensions.Logging;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// Runs one assigned partition's records in order, one at a time, and reports each as a completion; partitions run in
/// parallel, each on its own worker. The poll thread feeds it and counts what it holds, to pause fetching.
/// </summary>
internal sealed class KafkaPartitionWorker : IDisposable
{
    private readonly Channel<ConsumeResult<byte[]?, byte[]>> _records = Channel.CreateUnbounded<ConsumeResult<byte[]?, byte[]>>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _bodies = new();
    private readonly KafkaConsumerContext _context;
    private readonly Task _running;
    private readonly HashSet<ItemIdKey> _completedHere = [];
    private int _buffered;

    // Made once, not per record: what each item's retries call after a failed attempt.
    private readonly Func<QueueDelivery, QueueItemOutcome, CancellationToken, ValueTask> _logFailure;
    private volatile bool _stopping;

    public KafkaPartitionWorker(KafkaConsumerContext context, int partition)
    {
        _context = context;
        Partition = partition;
        _logFailure = LogFailureAsync;
        _running = Task.Run(RunAsync);
    }

    public int Partition { get; }

    /// <summary>Delivered, committable-or-not offsets; touched only on the poll thread.</summary>
    public OffsetTracker Offsets { get; } = new();

    /// <summary>Records handed over and not yet finished.</summary>
    public int Buffered => Volatile.Read(ref _buffered);

    public bool Paused { get; set; }

    public void Post(ConsumeResult<byte[]?, byte[]> record)
    {
        Offsets.Delivered(record.Offset.Value);
        Interlocked.Increment(ref _buffered);
        _records.Writer.TryWrite(record);
    }

    /// <summary>
    /// Stops taking records on every worker and waits for their running bodies against one deadline: together they get
    /// <paramref name="grace"/> to finish (their completions are then committed), after which the bodies still running
    /// are cancelled and left uncommitted, for the next owner to run again. Stopping them one after another would give
    /// each its own grace, which with several busy partitions outlasts max.poll.interval.ms and ejects the member.
    /// Called on the poll thread, which blocks here on purpose: Kafka hands the partitions on only once this returns.
    /// </summary>
    public static void StopAll(IReadOnlyCollection<KafkaPartitionWorker> workers, TimeSpan grace, TimeSpan cancelledGrace)
    {
        if (workers.Count == 0)
        {
            return;
        }

        foreach (var worker in workers)
        {
            worker._stopping = true;
            worker._records.Writer.TryComplete();
        }

        // The loops catch their own failures, so this completes (never faults) once every loop has returned.
        var finished = ((IAsyncResult)Task.WhenAll(workers.Select(w => w._running))).AsyncWaitHandle;
        if (!finished.WaitOne(grace))
        {
            foreach (var worker in workers)
            {
                worker._bodies.Cancel();
            }

            finished.WaitOne(cancelledGrace);
        }
    }

    public void Dispose() => _bodies.Dispose();

    private async Task RunAsync()
    {
        try
        {
            await foreach (var record in _records.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (_stopping)
                {
                    return;
                }

                var completion = await RunOneAsync(record, _bodies.Token).ConfigureAwait(false);
                _context.Completed.Enqueue(completion);
                Interlocked.Decrement(ref _buffered);
            }
        }
        catch (OperationCanceledException) when (_stopping)
        {
            // The partition was revoked or the consumer stopped mid-body: the record stays uncommitted and runs again elsewhere.
        }
        catch (Exception e)
        {
            // Only the cluster failing gets here (bodies' failures are outcomes); the poll thread restarts the consumer.
            _context.Fail(e);
        }
    }

    private async Task<KafkaCompletion> RunOneAsync(ConsumeResult<byte[]?, byte[]> record, CancellationToken cancellationToken)
    {
        var message = KafkaMessageCodec.Decode(_context.Queue, record.Message);
        var forGroup = KafkaHeaders.Text(record.Message.Headers, KafkaHeaders.ForGroup);
        if (message is null || (forGroup is not null && forGroup != _context.Options.Group) || (forGroup is null && IsCopyOfCompleted(message.Id)))
        {
            return new KafkaCompletion(this, record.Offset.Value, null, null, 0);
        }

        var delivery = new QueueDelivery(message, Partition, 1, $"{Partition}/{record.Offset.Value}");
        var limiter = _context.Concurrency;
        if (limiter is not null)
        {
            await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var (outcome, attempts) = await QueueRetries.RunAsync(
                delivery, _context.Handler, _context.Options, _logFailure, _context.Time, cancellationToken).ConfigureAwait(false);
            var writes = KafkaCompletion.Writes(message, outcome);
            var completion = new KafkaCompletion(this, record.Offset.Value, message.Id, outcome, attempts, writes ? (record, message) : null);
            if (writes)
            {
                await _context.EnsureTopicsAsync(message, outcome).ConfigureAwait(false);
            }

            if (outcome.Succeeded)
            {
                RememberCompleted(message.Id);
            }

            return completion;
        }
        finally
        {
            limiter?.Release();
        }
    }

    /// <summary>
    /// Whether the item completed before: committed (remembered by the consumer) or completed by this worker and not yet
    /// committed. A copy always lands in the same partition as the original (same key), so this worker sees both; if its
    /// original's commit never happens, the partition is fetched again by a new worker, which runs the original and
    /// skips the copy in turn.
    /// </summary>
    private bool IsCopyOfCompleted(string id) => _completedHere.Contains(ItemIdKey.Of(id)) || _context.CompletedIds.Contains(id);

    /// <summary>
    /// Only this worker's loop touches the set, so it needs no lock. It must cover the items completed since the last
    /// commit (the consumer remembers committed ones); emptying it when it grows large keeps that with room to spare.
    /// </summary>
    private void RememberCompleted(string id)
    {
        if (_completedHere.Count >= 100_000)
        {
            _completedHere.Clear();
        }

        _completedHere.Add(ItemIdKey.Of(id));
    }

    private ValueTask LogFailureAsync(QueueDelivery delivery, QueueItemOutcome outcome, CancellationToken cancellationToken)
    {
        QueueTransportLog.QueueItemFailed(_context.Logger, _context.Queue, Partition, delivery.Message.Id, delivery.Attempt, outcome.Exception!);
        return ValueTask.CompletedTask;
    }
}
