using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>A handler subscribed to one pub/sub channel, unsubscribed (that handler only) when disposed.</summary>
internal sealed class ChannelSubscription : IAsyncDisposable
{
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly Action<RedisChannel, RedisValue> _handler;

    private ChannelSubscription(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        _subscriber = subscriber;
        _channel = channel;
        _handler = handler;
    }

    /// <summary>Calls <paramref name="notified"/> on every message of <paramref name="channel"/> until disposed.</summary>
    public static async Task<IAsyncDisposable> SubscribeAsync(IConnectionMultiplexer connection, RedisChannel channel, Action notified, CancellationToken cancellationToken = default)
    {
        var subscriber = connection.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (_, _) => notified();
        await subscriber.SubscribeAsync(channel, handler).WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ChannelSubscription(subscriber, channel, handler);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _subscriber.UnsubscribeAsync(_channel, _handler).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // The connection is gone, and its subscriptions with it.
        }
    }
}
