using Confluent.Kafka;
using Locksmith.Queues;

namespace Locksmith.Kafka.Internal;

/// <summary>
/// A reply to a caller waiting with AwaitResult, as a record on the replies topic: the result JSON is the value, the
/// item id matches it to the waiting call, and a failure travels in the error headers instead.
/// </summary>
internal static class KafkaReplyCodec
{
    public static Message<byte[]?, byte[]> Encode(string itemId, QueueReply reply)
    {
        var headers = new Headers();
        KafkaHeaders.Add(headers, KafkaHeaders.Id, itemId);
        if (reply.Error is { } error)
        {
            AddError(headers, error);
        }

        return new Message<byte[]?, byte[]> { Key = null, Value = reply.Result.ToArray(), Headers = headers };
    }

    public static QueueReply Decode(Message<byte[]?, byte[]> record)
    {
        var errorType = KafkaHeaders.Text(record.Headers, KafkaHeaders.ErrorType);
        return errorType is null
            ? new QueueReply(record.Value ?? [], null)
            : new QueueReply(default, ReadError(record.Headers, errorType));
    }

    public static void AddError(Headers headers, QueueError error)
    {
        KafkaHeaders.Add(headers, KafkaHeaders.ErrorType, error.Type);
        KafkaHeaders.Add(headers, KafkaHeaders.Error, error.Message);
        KafkaHeaders.Add(headers, KafkaHeaders.Attempts, error.Attempts);
    }

    public static QueueError ReadError(Headers? headers, string errorType) =>
        new(errorType, KafkaHeaders.Text(headers, KafkaHeaders.Error) ?? "", KafkaHeaders.Number(headers, KafkaHeaders.Attempts));
}
