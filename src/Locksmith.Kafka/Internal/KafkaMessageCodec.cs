using System.Text;
using Confluent.Kafka;
using Locksmith.Queues;

namespace Locksmith.Kafka.Internal;

/// <summary>
/// A queued call as a Kafka record: the partition key is the record key, so Kafka's partitioner keeps one key's items in
/// one partition and in order; the arguments JSON is the value; the id and method travel in headers.
/// </summary>
internal static class KafkaMessageCodec
{
    /// <summary>Method ids are few and long; their header bytes are encoded once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> MethodBytes = new(StringComparer.Ordinal);

    /// <summary>Method ids read back, so each record does not decode (and allocate) its long method id again; replaced whole on a miss.</summary>
    private static (byte[] Bytes, string Text)[] _methodTexts = [];

    public static Message<byte[]?, byte[]> Encode(QueueMessage message, int? replyPartition, string? forGroup = null)
    {
        var headers = new Headers();
        KafkaHeaders.Add(headers, KafkaHeaders.Id, message.Id);
        headers.Add(KafkaHeaders.Method, MethodBytes.GetOrAdd(message.Method, Encoding.UTF8.GetBytes));
        if (replyPartition is { } partition)
        {
            KafkaHeaders.Add(headers, KafkaHeaders.ReplyTo, partition);
        }

        if (forGroup is not null)
        {
            KafkaHeaders.Add(headers, KafkaHeaders.ForGroup, forGroup);
        }

        return new Message<byte[]?, byte[]>
        {
            Key = message.PartitionKey is null ? null : Encoding.UTF8.GetBytes(message.PartitionKey),
            Value = WholeArray(message.Arguments),
            Headers = headers,
        };
    }

    /// <summary>
    /// The arguments as the byte array the client wants, without a copy when they already are one whole array (the
    /// client copies the value into librdkafka's memory during the produce call, so sharing it is safe).
    /// </summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();

    /// <summary>Reads a record back; null when it lacks Locksmith's headers (written by something else), which the consumer skips.</summary>
    public static QueueMessage? Decode(string queue, Message<byte[]?, byte[]> record)
    {
        var id = KafkaHeaders.Text(record.Headers, KafkaHeaders.Id);
        var method = record.Headers is not null && record.Headers.TryGetLastBytes(KafkaHeaders.Method, out var methodBytes) ? MethodText(methodBytes) : null;
        if (id is null || method is null)
        {
            return null;
        }

        var key = record.Key is null ? null : Encoding.UTF8.GetString(record.Key);
        var replyRequested = KafkaHeaders.Text(record.Headers, KafkaHeaders.ReplyTo) is not null;
        return new QueueMessage(id, queue, method, record.Value ?? [], key, replyRequested);
    }

    private static string MethodText(byte[] bytes)
    {
        var known = Volatile.Read(ref _methodTexts);
        foreach (var (cached, text) in known)
        {
            if (bytes.AsSpan().SequenceEqual(cached))
            {
                return text;
            }
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        if (known.Length < 64)
        {
            // A lost race only drops an entry, which is decoded again next time.
            Interlocked.CompareExchange(ref _methodTexts, [.. known, (bytes, decoded)], known);
        }

        return decoded;
    }

    /// <summary>The copy that replay or redrive writes: same key, value and id, run only by <paramref name="group"/>.</summary>
    public static Message<byte[]?, byte[]> CopyFor(Message<byte[]?, byte[]> record, string group)
    {
        var headers = new Headers();
        foreach (var name in new[] { KafkaHeaders.Id, KafkaHeaders.Method, KafkaHeaders.ReplyTo })
        {
            if (record.Headers is not null && record.Headers.TryGetLastBytes(name, out var value))
            {
                headers.Add(name, value);
            }
        }

        KafkaHeaders.Add(headers, KafkaHeaders.ForGroup, group);
        return new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value, Headers = headers };
    }
}
