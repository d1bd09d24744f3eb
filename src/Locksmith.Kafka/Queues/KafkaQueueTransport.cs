using Confluent.Kafka;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;
using Microsoft.Extensions.Logging;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// Queues on Apache Kafka: a topic per queue, the partition key as the record key, an idempotent acks=all producer for
/// enqueues, a consumer group per queue and Locksmith group, and a transaction per commit that carries the chained
/// calls, replies and dead letters together with the consumed offsets.
/// </summary>
internal sealed class KafkaQueueTransport : IQueueTransport, IDisposable
{
    private readonly Lazy<IProducer<byte[]?, byte[]>> _producer;
    private readonly Lazy<KafkaTopics> _topics;
    private readonly SemaphoreSlim _listenerGate = new(1, 1);
    private readonly KafkaMockCluster? _ownedCluster;
    private KafkaReplyListener? _listener;

    public KafkaQueueTransport(KafkaQueueOptions options, TimeProvider time, ILogger logger, KafkaMockCluster? ownedCluster = null)
    {
        Options = options;
        Time = time;
        Logger = logger;
        _ownedCluster = ownedCluster;
        Clients = new KafkaClients(options, logger);
        Names = new KafkaNames(options.TopicPrefix);
        _producer = new Lazy<IProducer<byte[]?, byte[]>>(() => Clients.Producer());
        _topics = new Lazy<KafkaTopics>(() => new KafkaTopics(_producer.Value, Clients, Time));
        Copier = new KafkaTopicCopier(this);
    }

    public string Name => "Kafka";

    internal KafkaQueueOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal KafkaClients Clients { get; }

    internal KafkaNames Names { get; }

    internal KafkaTopics Topics => _topics.Value;

    internal KafkaTopicCopier Copier { get; }

    public ValueTask EnqueueAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ValueTask(ProduceAsync(message, KafkaMessageCodec.Encode(message, replyPartition: null), cancellationToken));
    }

    public async ValueTask<QueueReply> EnqueueAndWaitAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var listener = await ListenerAsync(cancellationToken).ConfigureAwait(false);
        var reply = listener.Expect(message.Id);
        try
        {
            await ProduceAsync(message, KafkaMessageCodec.Encode(message, listener.Partition), cancellationToken).ConfigureAwait(false);
            return await reply.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            listener.Forget(message.Id);
        }
    }

    public ValueTask<IAsyncDisposable> StartConsumingAsync(QueueConsumption consumption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumption);
        var consumers = consumption.Queues.Select(q => new KafkaQueueConsumer(this, q.Key, q.Value, consumption)).ToList();
        return ValueTask.FromResult<IAsyncDisposable>(new Consumers(consumers));
    }

    public async ValueTask ReplayAsync(string queue, QueueOptions options, QueuePosition from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (from.Id is not null)
        {
            throw new ArgumentException(
                $"Replay of queue \"{queue}\": a Kafka position is an offset within one partition, so one id cannot say where every partition starts. " +
                "Replay from a time (QueuePosition.FromTime) or from QueuePosition.Beginning.", nameof(from));
        }

        var topic = Names.Items(queue);
        var partitions = await Topics.PartitionsAsync(topic).ConfigureAwait(false);
        var since = from.Time!.Value;
        await Task.Run(
            () =>
            {
                using var range = Copier.Read(topic, partitions, (reader, all) => StartsAt(reader, all, since), progressGroup: null);
                var copies = range.Records
                    .Where(r => r.Message.Timestamp.UtcDateTime >= since.UtcDateTime)
                    .Where(r => KafkaHeaders.Text(r.Message.Headers, KafkaHeaders.ForGroup) is not { } forGroup || forGroup == options.Group)
                    .Select(r => (topic, KafkaMessageCodec.CopyFor(r.Message, options.Group)))
                    .ToList();
                Copier.Write(copies, progress: null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where a replay from <paramref name="since"/> starts reading each partition.</summary>
    private List<TopicPartitionOffset> StartsAt(IConsumer<byte[]?, byte[]> reader, IReadOnlyList<TopicPartition> partitions, DateTimeOffset since)
    {
        if (Options.OnMockCluster || since <= DateTimeOffset.UnixEpoch)
        {
            return [.. partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning))];
        }

        // -1 (Offset.End) means no record is that recent: nothing to replay in that partition.
        return reader.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(p, new Timestamp(since))), TimeSpan.FromSeconds(30));
    }

    public async ValueTask<long> RedriveDeadLettersAsync(string queue, QueueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await WithDeadLettersAsync(
            queue,
            options.Group,
            (range, dead) =>
            {
                var copies = dead.Select(r => (Names.Items(queue), KafkaMessageCodec.CopyFor(r.Message, options.Group))).ToList();
                Copier.Write(copies, range);
                return (long)copies.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dead letters a group has not redriven yet, oldest first per partition.</summary>
    internal Task<IReadOnlyList<(QueueMessage Message, QueueError Error)>> ReadDeadLettersAsync(string queue, string group) =>
        WithDeadLettersAsync(
            queue,
            group,
            (_, dead) => (IReadOnlyList<(QueueMessage, QueueError)>)dead
                .Select(r => (KafkaMessageCodec.Decode(queue, r.Message)!, KafkaReplyCodec.ReadError(r.Message.Headers, KafkaHeaders.Text(r.Message.Headers, KafkaHeaders.ErrorType) ?? "")))
                .ToList(),
            CancellationToken.None);

    /// <summary>
    /// Reads the dead letters <paramref name="group"/> gave up on and has not redriven (from its redrive group's committed
    /// offsets to the topic's end as it is now) and hands them to <paramref name="use"/> with the range they came from.
    /// </summary>
    private async Task<T> WithDeadLettersAsync<T>(
        string queue, string group, Func<KafkaTopicCopier.Range, List<ConsumeResult<byte[]?, byte[]>>, T> use, CancellationToken cancellationToken)
    {
        var dead = Names.Dead(queue);
        var partitions = await Topics.PartitionsAsync(dead).ConfigureAwait(false);
        return await Task.Run(
            () =>
            {
                using var range = Copier.Read(dead, partitions, starts: null, Names.RedriveGroup(queue, group));
                return use(range, [.. range.Records.Where(r => KafkaHeaders.Text(r.Message.Headers, KafkaHeaders.Group) == group)]);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _listener?.Dispose();
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }

        _listenerGate.Dispose();
        _ownedCluster?.Dispose();
    }

    private async Task ProduceAsync(QueueMessage message, Message<byte[]?, byte[]> record, CancellationToken cancellationToken)
    {
        var topic = Names.Items(message.Queue);
        await Topics.PartitionsAsync(topic).ConfigureAwait(false);
        try
        {
            await _producer.Value.ProduceAsync(topic, record, cancellationToken).ConfigureAwait(false);
        }
        catch (ProduceException<byte[]?, byte[]> e)
        {
            throw KafkaErrors.NotStored(Clients.Servers, message, e);
        }
    }

    private async ValueTask<KafkaReplyListener> ListenerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _listener) is { } listener)
        {
            return listener;
        }

        await _listenerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _listener ??= await KafkaReplyListener.StartAsync(this).ConfigureAwait(false);
        }
        finally
        {
            _listenerGate.Release();
        }
    }

    private sealed class Consumers(IReadOnlyList<KafkaQueueConsumer> consumers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Task.WhenAll(consumers.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
