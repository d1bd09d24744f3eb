using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Locksmith.Testing;

/// <summary>
/// One client connection relayed by a <see cref="FaultProxy"/>: a reader per direction queues what arrives with its
/// arrival time, a writer per direction delivers it once its delay has passed and its direction is not blackholed.
/// </summary>
internal sealed class ProxiedConnection : IDisposable
{
    private readonly FaultProxy _proxy;
    private readonly TcpClient _client;
    private readonly TcpClient _server;
    private readonly CancellationTokenSource _closed = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _ended;
    private volatile bool _swallowingReplies;

    public ProxiedConnection(FaultProxy proxy, TcpClient client, TcpClient server)
    {
        _proxy = proxy;
        _client = client;
        _server = server;
    }

    public void Start(CancellationToken stop)
    {
        var token = CancellationTokenSource.CreateLinkedTokenSource(stop, _closed.Token).Token;
        _ = PumpAsync(_client.GetStream(), _server.GetStream(), ProxyDirection.ToServer, token);
        _ = PumpAsync(_server.GetStream(), _client.GetStream(), ProxyDirection.ToClient, token);
    }

    /// <summary>Lets writers held by a blackhole look again.</summary>
    public void Wake() => _wake.Release(2);

    /// <summary>Same as <see cref="Reset"/>: a relayed connection has nothing to give back but its sockets.</summary>
    public void Dispose() => Reset();

    /// <summary>Closes both sockets with RST (linger 0), so each peer sees "connection reset", not an orderly close.</summary>
    public void Reset()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        _proxy.Forget(this);
        _closed.Cancel();
        foreach (var socket in new[] { _client, _server })
        {
            try
            {
                socket.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
                socket.Dispose();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, ProxyDirection direction, CancellationToken token)
    {
        var chunks = Channel.CreateUnbounded<(byte[] Bytes, long ArrivedAt, TimeSpan Delay)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(chunks.Reader, to, direction, token);
        try
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await from.ReadAsync(buffer, token);
                if (read == 0)
                {
                    break;
                }

                chunks.Writer.TryWrite((buffer[..read], Stopwatch.GetTimestamp(), _proxy.Route(direction).Delay));
                if (direction == ProxyDirection.ToServer && _proxy.TakeMarkedRequest(buffer.AsSpan(0, read)))
                {
                    // The request goes on to the server; every reply from now on is swallowed, and the connection is reset
                    // once the server has surely run it (half a second on loopback), as a reply lost with its connection.
                    _swallowingReplies = true;
                    _ = Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None).ContinueWith(_ => Reset(), TaskScheduler.Default);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset or stopped.
        }

        chunks.Writer.TryComplete();
        try
        {
            await writing;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset or stopped.
        }

        // A peer closed its side (FIN) or the relay failed: end the whole connection so neither side hangs half-open.
        Reset();
    }

    private async Task WriteAsync(ChannelReader<(byte[] Bytes, long ArrivedAt, TimeSpan Delay)> chunks, NetworkStream to, ProxyDirection direction, CancellationToken token)
    {
        await foreach (var (bytes, arrivedAt, delay) in chunks.ReadAllAsync(token))
        {
            var due = Stopwatch.GetElapsedTime(arrivedAt);
            if (delay > due)
            {
                await Task.Delay(delay - due, token);
            }

            while (!_proxy.Route(direction).Open)
            {
                // Held by a blackhole: the socket stays open and silent until healed.
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(20), token);
            }

            if (direction == ProxyDirection.ToClient && _swallowingReplies)
            {
                continue;
            }

            if (direction == ProxyDirection.ToClient && _proxy.TakeReplyToDrop())
            {
                Reset();
                return;
            }

            await to.WriteAsync(bytes, token);
        }
    }
}
