using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>The Redis connection, disposed with the container only when Locksmith opened it; its failures are watched for error messages.</summary>
internal sealed class OwnedConnection : IAsyncDisposable, IDisposable
{
    private readonly bool _owned;

    public OwnedConnection(IConnectionMultiplexer connection, bool owned = true)
        : this(connection, owned, refusedAtConnect: false)
    {
    }

    private OwnedConnection(IConnectionMultiplexer connection, bool owned, bool refusedAtConnect)
    {
        Connection = connection;
        _owned = owned;
        RedisErrors.Watch(connection, refusedAtConnect);
    }

    /// <summary>
    /// Opens a connection Locksmith owns. The first connect's log is read for a refused password: that refusal's event
    /// can fire before anyone could subscribe, and later reconnect attempts raise none.
    /// </summary>
    public static OwnedConnection Open(ConfigurationOptions options)
    {
        using var log = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var connection = ConnectionMultiplexer.Connect(options, log);
        var refused = !connection.IsConnected && log.ToString().Contains(nameof(ConnectionFailureType.AuthenticationFailure), StringComparison.Ordinal);
        return new OwnedConnection(connection, owned: true, refused);
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
