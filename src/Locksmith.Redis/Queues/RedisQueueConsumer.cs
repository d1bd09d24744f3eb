using Locksmith.Queues;
using Locksmith.Redis.Layout;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// A consumer process's share of its queues, rebalanced like a Kafka consumer group: every consumer heartbeats into the
/// group's member set, computes its fair share of the partitions from the same ordered member list, takes free
/// partitions (as leases) up to that share and gives back the ones above it. More consumers than partitions leaves the
/// extra ones idle. A crashed consumer's partitions are taken over once its leases expire (the visibility timeout).
/// </summary>
internal sealed class RedisQueueConsumer : IAsyncDisposable
{
    private readonly RedisQueueTransport _transport;
    private readonly QueueConsumption _consumption;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    private RedisQueueConsumer(RedisQueueTransport transport, QueueConsumption consumption)
    {
        _transport = transport;
        _consumption = consumption;
    }

    public static RedisQueueConsumer Start(RedisQueueTransport transport, QueueConsumption consumption)
    {
        var consumer = new RedisQueueConsumer(transport, consumption);
        foreach (var (queue, options) in consumption.Queues)
        {
            consumer._loops.Add(Task.Run(() => consumer.RebalanceAsync(transport.Keys(queue), options), CancellationToken.None));
        }

        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>How often membership is refreshed and shares recomputed: a third of the visibility timeout, at most a second.</summary>
    internal static TimeSpan RebalanceInterval(QueueOptions options) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, options.VisibilityTimeout.Ticks / 3));

    internal static int Share(int partitions, IReadOnlyList<string> members, string me)
    {
        var index = members.Count == 0 ? 0 : Math.Max(0, IndexOf(members, me));
        var count = Math.Max(1, members.Count);
        return (partitions / count) + (index < partitions % count ? 1 : 0);
    }

    private static int IndexOf(IReadOnlyList<string> members, string me)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] == me)
            {
                return i;
            }
        }

        return -1;
    }

    private async Task RebalanceAsync(RedisQueueKeys keys, QueueOptions options)
    {
        var me = _consumption.ConsumerName;
        var interval = RebalanceInterval(options);
        var heartbeat = (long)(interval.TotalMilliseconds * 3);
        var concurrency = new SemaphoreSlim(options.MaxConcurrency > 0 ? options.MaxConcurrency : options.Partitions);
        var workers = new Dictionary<int, RedisPartitionWorker>();
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var belowShare = false;
                try
                {
                    foreach (var ended in workers.Where(w => w.Value.Completion.IsCompleted).Select(w => w.Key).ToList())
                    {
                        workers.Remove(ended);
                    }

                    var members = (await QueueMembersScript.EvaluateAsync(_transport.Database, keys.Members(options.Group), me, heartbeat, 0).ConfigureAwait(false))
                        .Select(m => (string)m!).Order(StringComparer.Ordinal).ToList();
                    var share = Share(options.Partitions, members, me);
                    var running = workers.Where(w => !w.Value.Shedding).OrderBy(w => w.Key).ToList();
                    foreach (var extra in running.Skip(share))
                    {
                        extra.Value.Shed("another consumer joined the group");
                    }

                    var start = members.Count == 0 ? 0 : Math.Max(0, IndexOf(members, me)) * options.Partitions / members.Count;
                    for (var i = 0; i < options.Partitions && workers.Count(w => !w.Value.Shedding) < share; i++)
                    {
                        var partition = (start + i) % options.Partitions;
                        if (workers.ContainsKey(partition))
                        {
                            continue;
                        }

                        var lease = await _transport.Locks.TryAcquireAsync(
                            keys.PartitionLease(options.Group, partition),
                            new LockOptions { Ttl = options.VisibilityTimeout, WaitTimeout = TimeSpan.Zero, Renew = true, Fencing = true },
                            stop).ConfigureAwait(false);
                        if (lease is not null)
                        {
                            workers[partition] = RedisPartitionWorker.Start(_transport, _consumption, keys, partition, options, lease, concurrency, stop);
                        }
                    }

                    belowShare = workers.Count(w => !w.Value.Shedding) < share;
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    QueueTransportLog.QueuePartitionFailed(_transport.Logger, keys.Queue, -1, e);
                }

                // Below its share, a consumer is waiting for others to give partitions back: it looks again soon, so a
                // joining consumer starts within a fraction of a round after the holders shed, not a whole round later.
                await Task.Delay(belowShare ? interval / 5 : interval, _transport.Time, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(workers.Values.Select(w => w.Completion)).ConfigureAwait(false);
            try
            {
                await QueueMembersScript.EvaluateAsync(_transport.Database, keys.Members(options.Group), me, heartbeat, 1).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or ObjectDisposedException)
            {
                // Leaving is a courtesy; the membership expires with its heartbeat.
            }

            concurrency.Dispose();
        }
    }
}
