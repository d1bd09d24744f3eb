using System.Collections.Concurrent;
using System.Globalization;
using Locksmith.Queues;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Layout;
using Locksmith.Redis.Scripts;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Queues on Redis Streams: one stream per partition, one consumer group per Locksmith group, partitions owned through
/// Locksmith leases, every commit one script. Works on one server and on Redis Cluster (each partition's keys share a
/// hash tag; notices are sharded).
/// </summary>
internal sealed class RedisQueueTransport : IQueueTransport
{
    private readonly ConcurrentDictionary<string, RedisQueueKeys> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _partitionCounts = new(StringComparer.Ordinal);
    private readonly RedisKeyLayout _layout;
    private readonly ReleaseNotices _notices;

    public RedisQueueTransport(IConnectionMultiplexer connection, RedisBackendOptions options, ILockProvider locks, TimeProvider time, ILogger logger)
    {
        Connection = connection;
        Options = options;
        Locks = locks;
        Time = time;
        Logger = logger;
        _layout = new RedisKeyLayout(options.KeyPrefix);
        _notices = new ReleaseNotices(connection, _layout);
        Wakeups = new RedisQueueWakeups(connection, Channel, time);
        Replies = new RedisQueueReplies(connection, Channel, options.RecheckInterval);
    }

    public string Name => "Redis Streams";

    internal IConnectionMultiplexer Connection { get; }

    internal IDatabase Database => Connection.GetDatabase();

    internal RedisBackendOptions Options { get; }

    internal ILockProvider Locks { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal RedisQueueWakeups Wakeups { get; }

    internal RedisQueueReplies Replies { get; }

    internal bool Sharded => _notices.Sharded;

    public ValueTask EnqueueAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);

        // Once the queue's partition count is confirmed (every call after the first) the route is known without waiting,
        // so no second async layer is paid for before the XADD.
        var routing = RouteAsync(message, options);
        if (routing.IsCompletedSuccessfully)
        {
            var (keys, partition) = routing.Result;
            return new ValueTask(AddAsync(keys, partition, message, cancellationToken));
        }

        return SlowAsync(routing);

        async ValueTask SlowAsync(ValueTask<(RedisQueueKeys Keys, int Partition)> pending)
        {
            var (keys, partition) = await pending.ConfigureAwait(false);
            await AddAsync(keys, partition, message, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<QueueReply> EnqueueAndWaitAsync(QueueMessage message, QueueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (keys, partition) = await RouteAsync(message, options).ConfigureAwait(false);
        await Replies.SubscribeAsync(keys.ReplyChannel(partition)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await AddAsync(keys, partition, message, cancellationToken).ConfigureAwait(false);
        return await Replies.WaitAsync(message.Id, keys.Reply(partition, message.Id), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IAsyncDisposable> StartConsumingAsync(QueueConsumption consumption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumption);
        foreach (var (queue, options) in consumption.Queues)
        {
            await EnsurePartitionCountAsync(Keys(queue), options.Partitions).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return RedisQueueConsumer.Start(this, consumption);
    }

    public async ValueTask ReplayAsync(string queue, QueueOptions options, QueuePosition from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = Keys(queue);
        await EnsurePartitionCountAsync(keys, options.Partitions).WaitAsync(cancellationToken).ConfigureAwait(false);
        var start = from.Id ?? $"{from.Time!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-0";
        for (var partition = 0; partition < options.Partitions; partition++)
        {
            await RedisQueueReplay.RewindAsync(Database, keys, partition, options.Group, start, cancellationToken).ConfigureAwait(false);
            Wakeups.Notify(keys.WakeChannel(partition));
        }
    }

    public async ValueTask<long> RedriveDeadLettersAsync(string queue, QueueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = Keys(queue);
        await EnsurePartitionCountAsync(keys, options.Partitions).WaitAsync(cancellationToken).ConfigureAwait(false);
        long moved = 0;
        for (var partition = 0; partition < options.Partitions; partition++)
        {
            long batch;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch = await QueueRedriveScript.EvaluateAsync(
                    Database, keys.DeadLetters(partition, options.Group), keys.Stream(partition), keys.Finished(partition, options.Group), 100, options.Group, cancellationToken: cancellationToken).ConfigureAwait(false);
                moved += batch;
            }
            while (batch == 100);

            Wakeups.Notify(keys.WakeChannel(partition));
        }

        return moved;
    }

    internal RedisQueueKeys Keys(string queue) => _keys.GetOrAdd(queue, _layout.Queue);

    internal RedisChannel Channel(string name) => Sharded ? RedisChannel.Sharded(name) : RedisChannel.Literal(name);

    /// <summary>Appends to the partition's stream and wakes its consumer.</summary>
    internal async Task AddAsync(RedisQueueKeys keys, int partition, QueueMessage message, CancellationToken cancellationToken)
    {
        var stream = keys.Stream(partition);
        try
        {
            var adding = Database.StreamAddAsync(stream, StreamEntryCodec.Fields(message));
            await (cancellationToken.CanBeCanceled ? adding.WaitAsync(cancellationToken) : adding).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisErrors.Translate(e, Connection, "adding an item to queue", stream) is { } translated)
        {
            throw translated;
        }

        Wakeups.Notify(keys.WakeChannel(partition));
    }

    /// <summary>The item's queue keys and partition, once the queue's partition count is confirmed (synchronously after the first call).</summary>
    internal ValueTask<(RedisQueueKeys Keys, int Partition)> RouteAsync(QueueMessage message, QueueOptions options)
    {
        var keys = Keys(message.Queue);
        var check = EnsurePartitionCountAsync(keys, options.Partitions);
        return check.IsCompletedSuccessfully ? new((keys, QueuePartitioner.For(message.PartitionKey, options.Partitions))) : WaitAsync();

        async ValueTask<(RedisQueueKeys Keys, int Partition)> WaitAsync()
        {
            await check.ConfigureAwait(false);
            return (keys, QueuePartitioner.For(message.PartitionKey, options.Partitions));
        }
    }

    /// <summary>
    /// Records the queue's partition count the first time any process uses it, and refuses a process configured with
    /// another: items would be hashed to partitions other processes never read in that order.
    /// </summary>
    private Task EnsurePartitionCountAsync(RedisQueueKeys keys, int partitions)
    {
        if (_partitionCounts.TryGetValue(keys.Queue, out var known) && known.IsValueCreated && known.Value.IsCompletedSuccessfully)
        {
            return known.Value;
        }

        var check = _partitionCounts.GetOrAdd(keys.Queue, _ => new Lazy<Task>(() => CheckAsync(keys, partitions)));
        if (check.Value.IsFaulted)
        {
            _partitionCounts.TryRemove(new KeyValuePair<string, Lazy<Task>>(keys.Queue, check));
        }

        return check.Value;

        async Task CheckAsync(RedisQueueKeys k, int count)
        {
            RedisValue recorded;
            try
            {
                recorded = await Database.StringSetAndGetAsync(k.PartitionCount, count, when: When.NotExists).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisErrors.Translate(e, Connection, "reading the partition count of queue", k.Queue) is { } translated)
            {
                throw translated;
            }

            if (!recorded.IsNull && (int)recorded != count)
            {
                throw new InvalidOperationException(
                    $"Queue '{k.Queue}' has {(int)recorded} partition(s) in Redis ({k.PartitionCount}), but this process is configured with {count}. " +
                    "Every producer and consumer must use the same Partitions (b.ConfigureQueue). To change it, drain the queue and delete that key.");
            }
        }
    }
}
