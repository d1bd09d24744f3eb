using Confluent.Kafka;
using Locksmith.Queues;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// A record a partition worker finished with, waiting for the poll thread to commit it: skipped (a copy of a completed
/// item, another group's replay, not Locksmith's), completed with its outcome, or given up on. Only a completion that
/// writes something keeps its record: the others wait up to a commit interval, and holding every fetched record that
/// long would carry them all into the garbage collector's older generations.
/// </summary>
/// <param name="Worker">The worker that ran it: a completion arriving after its worker was replaced (the partition revoked and
/// assigned again, or the session restarted) is not the new worker's, even at the same offset.</param>
/// <param name="Offset">The record's offset.</param>
/// <param name="Id">The item's id, or null when skipped.</param>
/// <param name="Outcome">The final attempt's outcome, or null when skipped.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="Written">The record and its item, when committing it writes records (chained calls, a reply, a dead letter).</param>
internal sealed record KafkaCompletion(
    KafkaPartitionWorker Worker, long Offset, string? Id, QueueItemOutcome? Outcome, int Attempts, (ConsumeResult<byte[]?, byte[]> Record, QueueMessage Message)? Written = null)
{
    public int Partition => Worker.Partition;

    /// <summary>Whether committing it writes records, which needs a transaction.</summary>
    public bool Produces => Written is not null;

    public ConsumeResult<byte[]?, byte[]> Record => Written!.Value.Record;

    public QueueMessage Message => Written!.Value.Message;

    /// <summary>Whether an item with this outcome writes records when committed.</summary>
    public static bool Writes(QueueMessage message, QueueItemOutcome outcome) => !outcome.Succeeded || outcome.Chained.Count > 0 || message.ReplyRequested;
}
