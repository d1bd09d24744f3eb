using System.Collections.Concurrent;
using Locksmith.Redis.Internal;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Wake-up notices, so an idle consumer starts on a new item at once instead of at its next poll. A producer announces
/// at most one notice per partition every 2 ms (fire and forget), which keeps them out of the way of bulk enqueues; a
/// consumer whose read came back empty polls again after 2, 4, 8... ms, which covers items that arrived inside a
/// quiet window.
/// </summary>
internal sealed class RedisQueueWakeups(IConnectionMultiplexer connection, Func<string, RedisChannel> channel, TimeProvider time)
{
    private readonly long _window = time.TimestampFrequency / 500;
    private readonly ConcurrentDictionary<string, long> _lastNotice = new(StringComparer.Ordinal);

    public void Notify(string wakeChannel)
    {
        var now = time.GetTimestamp();
        if (_lastNotice.TryGetValue(wakeChannel, out var last) && now - last < _window)
        {
            return;
        }

        _lastNotice[wakeChannel] = now;
        connection.GetSubscriber().Publish(channel(wakeChannel), RedisValue.EmptyString, CommandFlags.FireAndForget);
    }

    public Task<IAsyncDisposable> SubscribeAsync(string wakeChannel, Action wake) =>
        ChannelSubscription.SubscribeAsync(connection, channel(wakeChannel), wake);
}
