using Locksmith.Backends;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// This process's waiters per Redis key, woken by release notices on one shared subscription per connection (Redlock
/// listens on every master, so a notice from any of them wakes the waiter). Only the first waiter of a key is woken by a
/// notice, so a release costs one retry per process rather than one per waiting task.
/// </summary>
internal sealed class RedisWaitQueues(IReadOnlyList<IConnectionMultiplexer> connections, Func<string, RedisChannel> channelFor, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyQueue> _queues = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues a waiter for <paramref name="redisKey"/>. The first waiter of a key subscribes to its release channel (on
    /// the connection's one multiplexed subscriber); every waiter returns only once that subscription is confirmed, so a
    /// release after this call returns is always heard.
    /// </summary>
    /// <param name="redisKey">The key waited for.</param>
    /// <param name="wakeAll">Whether a notice wakes every waiter of the key (fair semaphores, where each waiter holds its own place).</param>
    public async ValueTask<RedisWaiter> EnterAsync(string redisKey, bool wakeAll = false)
    {
        var waiter = new RedisWaiter(redisKey);
        KeyQueue queue;
        lock (_gate)
        {
            if (!_queues.TryGetValue(redisKey, out queue!))
            {
                _queues[redisKey] = queue = new KeyQueue(channelFor(redisKey), WakeFirst);
                queue.Subscribed = SubscribeAsync(queue);
            }

            waiter.Node = queue.Waiters.AddLast(waiter);
            queue.WakeAll |= wakeAll;
        }

        await queue.Subscribed.ConfigureAwait(false);
        return waiter;
    }

    public bool HasWaiters(string redisKey)
    {
        lock (_gate)
        {
            return _queues.ContainsKey(redisKey);
        }
    }

    public bool IsFirst(RedisWaiter waiter)
    {
        lock (_gate)
        {
            return waiter.Node?.List?.First == waiter.Node;
        }
    }

    /// <summary>Removes the waiter; if it was first and <paramref name="passOn"/>, the next one tries at once.</summary>
    public void Leave(RedisWaiter waiter, bool passOn)
    {
        KeyQueue? emptied = null;
        lock (_gate)
        {
            if (waiter.Node?.List is not { } list || !_queues.TryGetValue(waiter.RedisKey, out var queue))
            {
                return;
            }

            var wasFirst = list.First == waiter.Node;
            list.Remove(waiter.Node);
            waiter.Node = null;
            if (list.Count == 0)
            {
                _queues.Remove(waiter.RedisKey);
                emptied = queue;
            }
            else if (wasFirst && passOn)
            {
                list.First!.Value.Signal();
            }
        }

        if (emptied is not null)
        {
            _ = UnsubscribeAsync(emptied);
        }
    }

    private void WakeFirst(KeyQueue queue)
    {
        RedisWaiter[] woken;
        lock (_gate)
        {
            woken = queue.WakeAll ? [.. queue.Waiters] : queue.Waiters.First is { } first ? [first.Value] : [];
        }

        foreach (var waiter in woken)
        {
            waiter.Signal();
        }
    }

    private Task SubscribeAsync(KeyQueue queue) =>
        connections.Count == 1 ? SubscribeAsync(connections[0], queue) : Task.WhenAll(connections.Select(c => SubscribeAsync(c, queue)));

    private async Task SubscribeAsync(IConnectionMultiplexer connection, KeyQueue queue)
    {
        try
        {
            await connection.GetSubscriber().SubscribeAsync(queue.Channel, queue.Handler).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Waiting still works without notices, by re-checking at expiry and every RecheckInterval.
            RedisLog.NoticeSubscriptionFailed(logger, queue.Channel, ex);
        }
    }

    private async Task UnsubscribeAsync(KeyQueue queue)
    {
        try
        {
            // Removes only this queue's handler: a newer queue for the same key keeps its own subscription.
            await queue.Subscribed.ConfigureAwait(false);
            foreach (var connection in connections)
            {
                await connection.GetSubscriber().UnsubscribeAsync(queue.Channel, queue.Handler).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            RedisLog.NoticeUnsubscriptionFailed(logger, queue.Channel, ex);
        }
    }

    /// <summary>The waiters of one key, in arrival order, and the subscription that wakes the first of them.</summary>
    private sealed class KeyQueue
    {
        public KeyQueue(RedisChannel channel, Action<KeyQueue> wake)
        {
            Channel = channel;
            Handler = (_, _) => wake(this);
        }

        public RedisChannel Channel { get; }

        public Action<RedisChannel, RedisValue> Handler { get; }

        public LinkedList<RedisWaiter> Waiters { get; } = new();

        public Task Subscribed { get; set; } = Task.CompletedTask;

        public bool WakeAll { get; set; }
    }
}

/// <summary>One waiting acquisition: a pulse that a release notice (or the waiter ahead giving up) sets.</summary>
internal sealed class RedisWaiter(string redisKey)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _pulse;
    private bool _pending;

    public string RedisKey { get; } = redisKey;

    public LinkedListNode<RedisWaiter>? Node { get; set; }

    public void Signal()
    {
        TaskCompletionSource? pulse;
        lock (_gate)
        {
            _pending = true;
            pulse = _pulse;
        }

        pulse?.TrySetResult();
    }

    /// <summary>Waits for a pulse up to <paramref name="timeout"/>; a pulse that arrived since the last wait returns at once.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        TaskCompletionSource pulse;
        lock (_gate)
        {
            if (_pending)
            {
                _pending = false;
                return;
            }

            _pulse = pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            // Waking early is harmless (the caller looks and waits again); a timeout a timer refuses would throw.
            await pulse.Task.WaitAsync(LeaseDeadline.TimerDue(timeout), time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to look again on our own.
        }
        finally
        {
            lock (_gate)
            {
                _pending = false;
                _pulse = null;
            }
        }
    }
}
