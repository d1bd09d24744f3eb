using System.Globalization;

namespace Locksmith.Redis.Bulk;

/// <summary>Where the bulk loader connects, and how it authenticates.</summary>
public sealed class RedisConnectionOptions
{
    /// <summary>Host name or address. Defaults to 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Defaults to 6379.</summary>
    public int Port { get; set; } = 6379;

    /// <summary>ACL user name for <c>AUTH user password</c>; null for <c>AUTH password</c> (the default user).</summary>
    public string? User { get; set; }

    /// <summary>Password; null to skip AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>Database selected after connecting. Defaults to 0.</summary>
    public int Database { get; set; }

    /// <summary>Connect with TLS. Defaults to false.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file of the certificate authority that signed the server's certificate; null to use the system's trust store.</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>PEM client certificate, for servers started with <c>tls-auth-clients yes</c> (their default).</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>Name expected in the server's certificate. Defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>Accept any server certificate (testing only: it gives up protection against impostors). Defaults to false.</summary>
    public bool TlsAllowUntrusted { get; set; }

    /// <summary>How long connecting and the handshake (TLS, AUTH, SELECT) may take. Defaults to 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>"host:port" (or "[::1]:port"), for messages.</summary>
    public string EndPoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Reads "host:port", "host" (port 6379), or "[ipv6]:port".</summary>
    /// <exception cref="FormatException">The text is not an endpoint.</exception>
    public static RedisConnectionOptions Parse(string endPoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endPoint);
        string host;
        var portText = "6379";
        if (endPoint.StartsWith('['))
        {
            var close = endPoint.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"'{endPoint}' is not host:port: the IPv6 address has no closing bracket.");
            }

            host = endPoint[1..close];
            if (close + 1 < endPoint.Length)
            {
                portText = endPoint[(close + 1)..].TrimStart(':');
            }
        }
        else
        {
            var colon = endPoint.LastIndexOf(':');
            host = colon < 0 ? endPoint : endPoint[..colon];
            if (colon >= 0)
            {
                portText = endPoint[(colon + 1)..];
            }
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"'{endPoint}' is not host:port: '{portText}' is not a port number (1-65535).");
        }

        return new RedisConnectionOptions { Host = host, Port = port };
    }
}
