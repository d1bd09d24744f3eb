using Confluent.Kafka;
using Locksmith.Diagnostics;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// Commits finished items as one Kafka transaction: the calls their bodies queued, the replies callers wait for, the
/// dead letters of items that gave up, and the consumed offsets (sent to the transaction with the group's metadata).
/// Readers use read_committed, so an aborted attempt's records are never seen and its items run again.
/// </summary>
internal sealed class KafkaOutcomeTransaction(KafkaConsumerContext context, IProducer<byte[]?, byte[]> producer, IConsumer<byte[]?, byte[]> consumer)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Commits the writes and offsets, or aborts and throws, leaving nothing visible; the caller tries again later.</summary>
    public void Commit(IReadOnlyList<KafkaCompletion> writes, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        producer.BeginTransaction();
        try
        {
            foreach (var completion in writes)
            {
                Produce(completion);
            }

            // The commit would wait for these acknowledgements anyway; waiting first means an abort below always has
            // records on the brokers to mark aborted, rather than sometimes purging them unsent (which tests can tell apart).
            producer.Flush(Timeout);
            producer.SendOffsetsToTransaction(offsets, consumer.ConsumerGroupMetadata, Timeout);
            context.Transport.Options.BeforeCommitTransaction?.Invoke(writes.Count);
            producer.CommitTransaction(Timeout);
        }
        catch (Exception e) when (e is not KafkaException { Error.IsFatal: true })
        {
            producer.AbortTransaction(Timeout);
            throw;
        }

        foreach (var completion in writes.Where(c => c.Outcome is { Succeeded: false }))
        {
            var error = completion.Outcome!.Exception!;
            Log.QueueItemDeadLettered(
                context.Logger, context.Queue, completion.Partition, completion.Message!.Id, completion.Attempts, error.GetType().FullName ?? error.GetType().Name, error.Message);
        }
    }

    private void Produce(KafkaCompletion completion)
    {
        var names = context.Transport.Names;
        var message = completion.Message!;
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
