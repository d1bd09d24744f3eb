using Confluent.Kafka;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;

namespace Locksmith.Kafka.Queues;

/// <summary>How a transaction ended, for now.</summary>
internal enum KafkaTransactionResult
{
    /// <summary>Its writes and offsets are committed.</summary>
    Committed,

    /// <summary>The commit returned a retriable error: it goes on in the background and must be resumed with <see cref="KafkaOutcomeTransaction.Commit"/>.</summary>
    CommitPending,

    /// <summary>It failed and was aborted: nothing it wrote is visible; its items are committed again in a new one.</summary>
    Aborted,
}

/// <summary>
/// Commits a batch of finished items as one Kafka transaction: the calls their bodies queued, the replies callers wait
/// for, the dead letters of items that gave up, and the consumed offsets (sent to the transaction with the group's
/// metadata). Readers use read_committed, so an aborted attempt's records are never seen and its items run again.
/// A producer that cannot go on (fenced, or failing where librdkafka allows no recovery) throws, and the session restarts
/// with a new one.
/// </summary>
internal sealed class KafkaOutcomeTransaction(
    KafkaConsumerContext context, IProducer<byte[]?, byte[]> producer, IConsumer<byte[]?, byte[]> consumer, KafkaCommitBatch batch)
{
    private TimeSpan Timeout => context.Transport.Options.TransactionCallTimeout;

    public KafkaCommitBatch Batch => batch;

    /// <summary>Begins the transaction, writes the outcomes, sends the offsets and commits.</summary>
    public KafkaTransactionResult Run()
    {
        var options = context.Transport.Options;
        try
        {
            options.BeforeTransaction?.Invoke(batch.Writes.Count);
        }
        catch (InvalidOperationException e)
        {
            KafkaLog.KafkaTransactionRetried(context.Logger, context.Queue, batch.Writes.Count, e);
            return KafkaTransactionResult.Aborted;
        }

        // Outside the try: a producer that cannot even begin is in a state no abort repairs.
        producer.BeginTransaction();
        try
        {
            foreach (var completion in batch.Writes)
            {
                Produce(completion);
            }

            // The commit would wait for these acknowledgements anyway; waiting first means an abort below always has
            // records on the brokers to mark aborted, rather than sometimes purging them unsent (which tests can tell apart).
            producer.Flush(Timeout);
            producer.SendOffsetsToTransaction(batch.Offsets, consumer.ConsumerGroupMetadata, Timeout);
            if (options.CommitOffsetsPlainly)
            {
                // The mock stores no transactional offsets: commit them plainly before the writes become visible, so a
                // refusal (a rebalance) aborts them, as a refused transactional offset commit does on a real cluster.
                consumer.Commit(batch.Offsets);
            }

            options.BeforeCommitTransaction?.Invoke(batch.Writes.Count);
        }
        catch (Exception e) when (e is not KafkaException { Error.IsFatal: true })
        {
            Abort(e);
            return KafkaTransactionResult.Aborted;
        }

        return Commit();
    }

    /// <summary>
    /// Commits, or resumes a commit that returned a retriable error. After such an error librdkafka refuses every other
    /// transactional call (__CONFLICT) until the commit is called again, so it is retried, never aborted; only an error
    /// that says so (TxnRequiresAbort) aborts. Fatal errors (a fenced producer) are thrown.
    /// </summary>
    public KafkaTransactionResult Commit()
    {
        try
        {
            producer.CommitTransaction(Timeout);
        }
        catch (KafkaTxnRequiresAbortException e)
        {
            Abort(e);
            return KafkaTransactionResult.Aborted;
        }
        catch (KafkaRetriableException e)
        {
            KafkaLog.CommitResumed(context.Logger, context.Queue, batch.Writes.Count, e);
            return KafkaTransactionResult.CommitPending;
        }

        foreach (var completion in batch.Writes.Where(c => c.Outcome is { Succeeded: false }))
        {
            var error = completion.Outcome!.Exception!;
            QueueTransportLog.QueueItemDeadLettered(
                context.Logger, context.Queue, completion.Partition, completion.Id!, completion.Attempts, error.GetType().FullName ?? error.GetType().Name, error.Message);
        }

        return KafkaTransactionResult.Committed;
    }

    private void Abort(Exception cause)
    {
        KafkaLog.KafkaTransactionRetried(context.Logger, context.Queue, batch.Writes.Count, cause);
        try
        {
            producer.AbortTransaction(Timeout);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"Queue \"{context.Queue}\": the transactional producer could not abort a failed transaction ({e.Error.Code}: {e.Error.Reason}); " +
                "the consumer starts again with a new producer, from the committed offsets.",
                e);
        }
    }

    private void Produce(KafkaCompletion completion)
    {
        var names = context.Transport.Names;
        var message = completion.Message;
        var outcome = completion.Outcome!;
        QueueReply reply;
        if (outcome.Succeeded)
        {
            foreach (var call in outcome.Chained)
            {
                producer.Produce(names.Items(call.Message.Queue), KafkaMessageCodec.Encode(call.Message, replyPartition: null));
            }

            reply = new QueueReply(outcome.Result, null);
        }
        else
        {
            var error = QueueError.From(outcome.Exception!, completion.Attempts);
            producer.Produce(names.Dead(context.Queue), DeadLetter(completion.Record, error));
            reply = new QueueReply(default, error);
        }

        if (message.ReplyRequested)
        {
            var partition = KafkaHeaders.Number(completion.Record.Message.Headers, KafkaHeaders.ReplyTo);
            producer.Produce(new TopicPartition(names.Replies, partition), KafkaReplyCodec.Encode(message.Id, reply));
        }
    }

    /// <summary>The item as it was, plus why and where it failed, for redriving and for people reading the topic.</summary>
    private Message<byte[]?, byte[]> DeadLetter(ConsumeResult<byte[]?, byte[]> record, QueueError error)
    {
        var dead = KafkaMessageCodec.CopyFor(record.Message, context.Options.Group);
        dead.Headers.Remove(KafkaHeaders.ForGroup);
        dead.Headers.Remove(KafkaHeaders.ReplyTo);
        KafkaHeaders.Add(dead.Headers, KafkaHeaders.Group, context.Options.Group);
        KafkaHeaders.Add(dead.Headers, KafkaHeaders.Source, $"{record.Partition.Value}/{record.Offset.Value}");
        KafkaReplyCodec.AddError(dead.Headers, error);
        return dead;
    }
}
