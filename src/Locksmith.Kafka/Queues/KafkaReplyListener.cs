using System.Collections.Concurrent;
using Confluent.Kafka;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// Receives the replies of this process's AwaitResult calls. The process reads one partition of the replies topic,
/// chosen at random when it starts, from its end; each call names that partition in its item, and the consumer that
/// runs the item writes the reply there inside the same transaction that commits the item, so a reply exists exactly
/// when the item completed (or was given up on).
/// </summary>
internal sealed class KafkaReplyListener : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<QueueReply>> _waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly IConsumer<byte[]?, byte[]> _reader;
    private readonly Thread _thread;

    private KafkaReplyListener(IConsumer<byte[]?, byte[]> reader, int partition)
    {
        _reader = reader;
        Partition = partition;
        _thread = new Thread(Listen) { IsBackground = true, Name = "Locksmith Kafka replies" };
        _thread.Start();
    }

    /// <summary>The replies-topic partition this process reads.</summary>
    public int Partition { get; }

    public static async Task<KafkaReplyListener> StartAsync(KafkaQueueTransport transport)
    {
        var topic = transport.Names.Replies;
        var partitions = await transport.Topics.PartitionsAsync(topic).ConfigureAwait(false);
        var partition = new TopicPartition(topic, Random.Shared.Next(partitions));
        return await Task.Run(() =>
        {
            var reader = transport.Clients.Reader($"{transport.Options.TopicPrefix}replies.{Guid.NewGuid():N}");
            try
            {
                // From the end as it is now, read before any call is sent, so no reply to this process can come earlier.
                var end = reader.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High;
                reader.Assign(new TopicPartitionOffset(partition, end));
                return new KafkaReplyListener(reader, partition.Partition.Value);
            }
            catch (KafkaException e)
            {
                reader.Dispose();
                throw new LocksmithBackendException(
                    $"Could not start reading AwaitResult replies from the Kafka topic \"{topic}\" on {transport.Clients.Servers} ({e.Error.Reason}). Check the brokers are reachable.", e);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Registers a waiting call before its item is sent.</summary>
    public Task<QueueReply> Expect(string itemId)
    {
        var waiter = new TaskCompletionSource<QueueReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[itemId] = waiter;
        return waiter.Task;
    }

    public void Forget(string itemId) => _waiting.TryRemove(itemId, out _);

    public void Dispose()
    {
        _stopping.Cancel();
        _thread.Join();
        _reader.Close();
        _reader.Dispose();
        _stopping.Dispose();
        foreach (var waiter in _waiting.Values)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(KafkaReplyListener), "The Kafka transport was disposed while the call waited for its reply."));
        }
    }

    private void Listen()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var record = _reader.Consume(100);
                if (record?.Message is { } message
                    && KafkaHeaders.Text(message.Headers, KafkaHeaders.Id) is { } id
                    && _waiting.TryRemove(id, out var waiter))
                {
                    waiter.TrySetResult(KafkaReplyCodec.Decode(message));
                }
            }
            catch (ConsumeException)
            {
                // A broker away for a moment; librdkafka reconnects and the reply is read when it is back.
                _stopping.Token.WaitHandle.WaitOne(100);
            }
        }
    }
}
