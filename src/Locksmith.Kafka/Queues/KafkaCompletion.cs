using Confluent.Kafka;
using Locksmith.Queues;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// A record a partition worker finished with, waiting for the poll thread to commit it: skipped (a copy of a completed
/// item, another group's replay, not Locksmith's), completed with its outcome, or given up on.
/// </summary>
/// <param name="Worker">The worker that ran it: a completion arriving after its worker was replaced (the partition revoked and
/// assigned again, or the session restarted) is not the new worker's, even at the same offset.</param>
/// <param name="Record">The record.</param>
/// <param name="Message">The item it carried, or null when skipped.</param>
/// <param name="Outcome">The final attempt's outcome, or null when skipped.</param>
/// <param name="Attempts">How many attempts were made.</param>
internal sealed record KafkaCompletion(KafkaPartitionWorker Worker, ConsumeResult<byte[]?, byte[]> Record, QueueMessage? Message, QueueItemOutcome? Outcome, int Attempts)
{
    public int Partition => Record.Partition.Value;

    public long Offset => Record.Offset.Value;

    /// <summary>Whether committing it writes records (chained calls, a reply, a dead letter), which needs a transaction.</summary>
    public bool Produces => Outcome is not null && (!Outcome.Succeeded || Outcome.Chained.Count > 0 || Message!.ReplyRequested);
}
