using System.Net;
using System.Net.Sockets;

namespace Locksmith.Testing;

/// <summary>
/// A loopback TCP relay between clients and one server (redis-server, a mock Kafka broker) that misbehaves on demand,
/// per direction: <see cref="Blackhole"/> (stop forwarding but keep the sockets open: no RST, no FIN, as a partition or
/// a hung peer looks to the client), <see cref="Delay"/> (added latency), <see cref="DropNextReply"/> (the server ran
/// the command but its reply never arrives), <see cref="ResetAll"/> (RST every connection) and <see cref="Heal"/>.
/// </summary>
/// <remarks>
/// TCP never loses bytes inside a live connection, so a blackholed direction holds its bytes and delivers them when
/// healed, as retransmission would; a dropped reply is followed by a reset of that connection, which is how a lost
/// reply looks to a client on a real network. Only loopback addresses are used.
/// </remarks>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<ProxiedConnection> _connections = [];
    private readonly Task _accepting;
    private ProxyDirection _blackholed;
    private TimeSpan _toServerDelay;
    private TimeSpan _toClientDelay;
    private int _repliesToDrop;
    private byte[]? _dropAfter;
    private int _refuseNew;

    private FaultProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to instead of the server's.</summary>
    public int Port { get; }

    /// <summary>"127.0.0.1:port", for StackExchange.Redis or librdkafka.</summary>
    public string EndPoint => $"127.0.0.1:{Port}";

    /// <summary>How many client connections have been relayed so far (open or closed).</summary>
    public int ConnectionsAccepted { get; private set; }

    /// <summary>Starts a relay to <paramref name="upstreamPort"/> on 127.0.0.1.</summary>
    public static FaultProxy Start(int upstreamPort) => new(new IPEndPoint(IPAddress.Loopback, upstreamPort));

    /// <summary>Stops forwarding in <paramref name="direction"/>, keeping every socket open; bytes wait until <see cref="Heal"/>.</summary>
    public void Blackhole(ProxyDirection direction = ProxyDirection.Both)
    {
        lock (_gate)
        {
            _blackholed |= direction;
        }
    }

    /// <summary>Adds <paramref name="latency"/> to every chunk sent in <paramref name="direction"/> from now on (order is kept).</summary>
    public void Delay(TimeSpan latency, ProxyDirection direction = ProxyDirection.Both)
    {
        lock (_gate)
        {
            if (direction.HasFlag(ProxyDirection.ToServer))
            {
                _toServerDelay = latency;
            }

            if (direction.HasFlag(ProxyDirection.ToClient))
            {
                _toClientDelay = latency;
            }
        }
    }

    /// <summary>
    /// Swallows the next chunk the server sends (whatever it answered, it ran the command) and then resets that client's
    /// connection, as a reply lost on the way back looks to the client.
    /// </summary>
    public void DropNextReply()
    {
        lock (_gate)
        {
            _repliesToDrop++;
        }
    }

    /// <summary>
    /// Lets the next request that contains <paramref name="marker"/> (a key name, an argument) reach the server, then
    /// swallows every reply on that connection and resets it once the server has had time to run the request: the
    /// command ran, its reply was lost. Unlike <see cref="DropNextReply"/> it picks one command out of a busy client's
    /// traffic (lease renewals, polls) by what it carries.
    /// </summary>
    public void DropReplyTo(string marker)
    {
        lock (_gate)
        {
            _dropAfter = System.Text.Encoding.UTF8.GetBytes(marker);
        }
    }

    /// <summary>Resets (RST) every open connection, both sides; new connections are accepted as usual.</summary>
    public void ResetAll()
    {
        List<ProxiedConnection> open;
        lock (_gate)
        {
            open = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            connection.Reset();
        }
    }

    /// <summary>Refuses (resets at once) every new connection until <see cref="Heal"/>, as a server that is down would.</summary>
    public void RefuseNewConnections() => Volatile.Write(ref _refuseNew, 1);

    /// <summary>Ends every fault: forwarding resumes (held bytes first), no delay, no reply to drop, new connections accepted.</summary>
    public void Heal()
    {
        List<ProxiedConnection> open;
        lock (_gate)
        {
            _blackholed = ProxyDirection.None;
            _toServerDelay = TimeSpan.Zero;
            _toClientDelay = TimeSpan.Zero;
            _repliesToDrop = 0;
            _dropAfter = null;
            open = [.. _connections];
        }

        Volatile.Write(ref _refuseNew, 0);
        foreach (var connection in open)
        {
            connection.Wake();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        ResetAll();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    /// <summary>Whether bytes in <paramref name="direction"/> may go now, and with what added latency.</summary>
    internal (bool Open, TimeSpan Delay) Route(ProxyDirection direction)
    {
        lock (_gate)
        {
            return (!_blackholed.HasFlag(direction), direction == ProxyDirection.ToServer ? _toServerDelay : _toClientDelay);
        }
    }

    /// <summary>Takes one pending "drop the next reply" order, if any.</summary>
    internal bool TakeReplyToDrop()
    {
        lock (_gate)
        {
            if (_repliesToDrop == 0)
            {
                return false;
            }

            _repliesToDrop--;
            return true;
        }
    }

    /// <summary>Whether <paramref name="request"/> carries the armed <see cref="DropReplyTo"/> marker; a match disarms it.</summary>
    internal bool TakeMarkedRequest(ReadOnlySpan<byte> request)
    {
        lock (_gate)
        {
            if (_dropAfter is null || request.IndexOf(_dropAfter) < 0)
            {
                return false;
            }

            _dropAfter = null;
            return true;
        }
    }

    internal void Forget(ProxiedConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            ConnectionsAccepted++;
            if (Volatile.Read(ref _refuseNew) == 1)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_upstream, _stop.Token);
            }
            catch (SocketException)
            {
                // The server is down: the client sees the reset a refused connection would give it.
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                server.Dispose();
                continue;
            }

            client.NoDelay = true;
            server.NoDelay = true;
            var connection = new ProxiedConnection(this, client, server);
            lock (_gate)
            {
                _connections.Add(connection);
            }

            connection.Start(_stop.Token);
        }
    }
}

/// <summary>Which way bytes travel through a <see cref="FaultProxy"/>.</summary>
[Flags]
public enum ProxyDirection
{
    /// <summary>Neither direction.</summary>
    None = 0,

    /// <summary>Client to server: requests.</summary>
    ToServer = 1,

    /// <summary>Server to client: replies, pushed messages.</summary>
    ToClient = 2,

    /// <summary>Both directions.</summary>
    Both = ToServer | ToClient,
}
