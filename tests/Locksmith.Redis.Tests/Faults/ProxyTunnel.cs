using System.Net;
using Locksmith.Testing;
using StackExchange.Redis.Configuration;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>
/// Sends every connection StackExchange.Redis opens to a server through that server's <see cref="FaultProxy"/>. A Redis
/// Cluster tells clients its nodes' own addresses, so a proxy in the connection string alone would be bypassed after
/// the first redirect; a tunnel catches every node the client discovers.
/// </summary>
internal sealed class ProxyTunnel(IReadOnlyDictionary<int, FaultProxy> proxiesByServerPort) : Tunnel
{
    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        var port = endpoint switch
        {
            IPEndPoint ip => ip.Port,
            DnsEndPoint dns => dns.Port,
            _ => throw new InvalidOperationException($"Unexpected endpoint {endpoint}."),
        };
        Assert.True(proxiesByServerPort.TryGetValue(port, out var proxy), $"No proxy in front of {endpoint}.");
        return new ValueTask<EndPoint?>(new IPEndPoint(IPAddress.Loopback, proxy!.Port));
    }
}
