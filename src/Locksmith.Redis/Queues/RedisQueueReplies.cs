using System.Collections.Concurrent;
using Locksmith.Queues;
using Locksmith.Redis.Internal;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Waits for the replies of <see cref="QueuedByAttribute.AwaitResult"/> calls. The consumer stores the reply under the
/// item and announces its id on the partition's reply channel; this process subscribes once per partition it waits
/// on, and each waiter also reads the reply itself every re-check interval, so a lost notice only delays it.
/// </summary>
internal sealed class RedisQueueReplies(IConnectionMultiplexer connection, Func<string, RedisChannel> channel, TimeSpan recheck)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>
    /// Subscribes to a partition's replies (once per process) before the item is added, so no notice is missed. A failed
    /// subscription is forgotten, so the next call tries again, and reported as a <see cref="LocksmithBackendException"/>.
    /// </summary>
    public async Task SubscribeAsync(string replyChannel)
    {
        var subscription = _subscriptions.GetOrAdd(replyChannel, name => new Lazy<Task>(() => connection.GetSubscriber().SubscribeAsync(channel(name), (_, id) =>
        {
            if (_waiting.TryGetValue((string)id!, out var signal))
            {
                signal.TrySetResult();
            }
        })));
        try
        {
            await subscription.Value.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _subscriptions.TryRemove(new KeyValuePair<string, Lazy<Task>>(replyChannel, subscription));
            if (RedisErrors.Translate(e, connection, "subscribing to the replies of channel", replyChannel) is { } translated)
            {
                throw translated;
            }

            throw;
        }
    }

    public async ValueTask<QueueReply> WaitAsync(string itemId, RedisKey replyKey, CancellationToken cancellationToken)
    {
        var db = connection.GetDatabase();
        try
        {
            while (true)
            {
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[itemId] = signal;
                var stored = await db.StringGetAsync(replyKey).ConfigureAwait(false);
                if (!stored.IsNull)
                {
                    _ = db.KeyDeleteAsync(replyKey, CommandFlags.FireAndForget);
                    return ReplyCodec.Read((byte[])stored!);
                }

                await Task.WhenAny(signal.Task, Task.Delay(recheck, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            _waiting.TryRemove(itemId, out _);
        }
    }
}
