using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// This process's waiters per Redis key, woken by release notices on one shared subscription. Only the first waiter of a
/// key is woken by a notice, so a release costs one retry per process rather than one per waiting task.
/// </summary>
internal sealed class RedisWaitQueues(IConnectionMultiplexer redis, RedisKeys keys, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedList<RedisWaiter>> _queues = new(StringComparer.Ordinal);
    private Task? _subscription;

    /// <summary>Queues a waiter for <paramref name="redisKey"/>; the subscription is made on first use.</summary>
    public async ValueTask<RedisWaiter> EnterAsync(string redisKey)
    {
        await EnsureSubscribedAsync().ConfigureAwait(false);
        var waiter = new RedisWaiter(redisKey);
        lock (_gate)
        {
            if (!_queues.TryGetValue(redisKey, out var queue))
            {
                _queues[redisKey] = queue = new LinkedList<RedisWaiter>();
            }

            waiter.Node = queue.AddLast(waiter);
        }

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
        lock (_gate)
        {
            if (waiter.Node?.List is not { } queue)
            {
                return;
            }

            var wasFirst = queue.First == waiter.Node;
            queue.Remove(waiter.Node);
            waiter.Node = null;
            if (queue.Count == 0)
            {
                _queues.Remove(waiter.RedisKey);
            }
            else if (wasFirst && passOn)
            {
                queue.First!.Value.Signal();
            }
        }
    }

    private void OnReleased(RedisValue message)
    {
        lock (_gate)
        {
            if (_queues.TryGetValue((string)message!, out var queue))
            {
                queue.First?.Value.Signal();
            }
        }
    }

    private Task EnsureSubscribedAsync()
    {
        lock (_gate)
        {
            return _subscription ??= SubscribeAsync();
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(keys.ReleaseChannel, (_, message) => OnReleased(message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Waiting still works without notices, by re-checking at expiry and every RecheckInterval; try again later.
            logger.LogWarning(ex, "Subscribing to Locksmith release notices failed; waiters fall back to periodic re-checks.");
            lock (_gate)
            {
                _subscription = null;
            }
        }
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
            await pulse.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
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
