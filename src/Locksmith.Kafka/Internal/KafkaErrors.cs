using Confluent.Kafka;

namespace Locksmith.Kafka.Internal;

/// <summary>Turns librdkafka's failures into Locksmith's, naming the cluster and what to check.</summary>
internal static class KafkaErrors
{
    public static LocksmithBackendException NotStored(string servers, Locksmith.Queues.QueueMessage message, KafkaException exception) => new(
        $"Kafka at {servers} did not acknowledge item {message.Id} of queue \"{message.Queue}\" ({exception.Error.Code}: {exception.Error.Reason}). " +
        (exception.Error.Code == ErrorCode.Local_MsgTimedOut
            ? "No broker answered within KafkaQueueOptions.DeliveryTimeout: check the brokers are up and reachable from this process. "
            : "Check the brokers' logs and this client's settings (KafkaQueueOptions.ClientSettings). ") +
        "The item may or may not have been stored; enqueue it again if the call must happen (a copy with the same id is skipped by the consumer that completed it).",
        exception);
}
