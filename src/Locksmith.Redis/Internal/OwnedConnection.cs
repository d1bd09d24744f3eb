using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>The Redis connection, disposed with the container only when Locksmith opened it.</summary>
internal sealed class OwnedConnection(IConnectionMultiplexer connection, bool owned = true) : IAsyncDisposable
{
    public IConnectionMultiplexer Connection { get; } = connection;

    public ValueTask DisposeAsync() => owned ? Connection.DisposeAsync() : ValueTask.CompletedTask;
}
