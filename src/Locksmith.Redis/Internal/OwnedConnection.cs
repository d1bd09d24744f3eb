using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>The Redis connection, disposed with the container only when Locksmith opened it; its failures are watched for error messages.</summary>
internal sealed class OwnedConnection : IAsyncDisposable, IDisposable
{
    private readonly bool _owned;

    public OwnedConnection(IConnectionMultiplexer connection, bool owned = true)
    {
        Connection = connection;
        _owned = owned;
        RedisErrors.Watch(connection);
    }

    public IConnectionMultiplexer Connection { get; }

    public ValueTask DisposeAsync() => _owned ? Connection.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>For containers disposed synchronously (<c>using var sp = ...</c>): closes the connection without waiting for a graceful quit.</summary>
    public void Dispose()
    {
        if (_owned)
        {
            Connection.Dispose();
        }
    }
}
