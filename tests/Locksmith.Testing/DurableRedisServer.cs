namespace Locksmith.Testing;

/// <summary>
/// A redis-server that writes every command to its append-only file before answering (<c>appendfsync always</c>), in a
/// directory of its own, which can be killed with SIGKILL and started again on the same port from that file.
/// </summary>
public sealed class DurableRedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string[] _arguments;
    private RedisServer _server;

    private DurableRedisServer(string directory, string[] arguments, RedisServer server)
    {
        _directory = directory;
        _arguments = arguments;
        _server = server;
    }

    /// <summary>"127.0.0.1:port", the same across restarts.</summary>
    public string EndPoint => _server.EndPoint;

    public static async Task<DurableRedisServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("locksmith-aof").FullName;
        string[] arguments = ["--appendonly", "yes", "--appendfsync", "always", "--dir", directory];
        return new DurableRedisServer(directory, arguments, await RedisServer.StartAsync(arguments));
    }

    /// <summary>Kills the server with SIGKILL (no shutdown, no final save) and starts it again from its append-only file.</summary>
    public async Task KillAndRestartAsync()
    {
        await _server.KillAsync();
        await _server.DisposeAsync();
        _server = await RedisServer.StartOnPortAsync(_server.Port, _arguments);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
