using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Transport;

/// <summary>
/// One raw connection: a socket (and TLS stream), authenticated and on the right database. Every failure a user can cause
/// (wrong address, server down, wrong password, TLS mismatch, missing database) becomes a message that says what to check.
/// </summary>
internal sealed class RedisStreamConnection : IAsyncDisposable
{
    private readonly Socket _socket;

    private RedisStreamConnection(Socket socket, Stream stream, RedisConnectionOptions options)
    {
        _socket = socket;
        Stream = stream;
        Options = options;
    }

    public Stream Stream { get; }

    public RedisConnectionOptions Options { get; }

    public static async Task<RedisStreamConnection> ConnectAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            try
            {
                await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            }
            catch (SocketException exception)
            {
                throw new RedisBulkConnectionException(
                    $"Could not connect to Redis at {options.EndPoint}: {exception.Message}. Is redis-server running there? Check --redis host:port.", exception);
            }

            stream = new NetworkStream(socket, ownsSocket: false);
            if (options.UseTls)
            {
                stream = await TlsAsync(stream, options, timeout.Token).ConfigureAwait(false);
            }

            await HandshakeAsync(stream, options, timeout.Token).ConfigureAwait(false);
            return new RedisStreamConnection(socket, stream, options);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync(socket, stream).ConfigureAwait(false);
            throw new RedisBulkConnectionException(string.Create(CultureInfo.InvariantCulture,
                $"Redis at {options.EndPoint} did not complete the connection within {options.ConnectTimeout.TotalSeconds:0.#} s. Check the address, a firewall, or whether the server expects TLS (--tls)."), exception);
        }
        catch
        {
            await DisposeAsync(socket, stream).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the socket at once; a pending read or write then fails, which is how a load stops both its loops.</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        _socket.Close();
    }

    public async ValueTask DisposeAsync() => await DisposeAsync(_socket, Stream).ConfigureAwait(false);

    private static async ValueTask DisposeAsync(Socket socket, Stream? stream)
    {
        if (stream is not null)
        {
            try
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The peer is gone; nothing to flush.
            }
        }

        socket.Dispose();
    }

    private static async Task<Stream> TlsAsync(Stream inner, RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        var authority = options.TlsCaFile is null ? null : LoadAuthority(options.TlsCaFile);
        var tls = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, _, errors) => Trusted(options, authority, certificate, errors));
        var client = new SslClientAuthenticationOptions { TargetHost = options.TlsServerName ?? options.Host };
        if (options.TlsCertificateFile is not null)
        {
            client.ClientCertificates = [X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile)];
        }

        try
        {
            await tls.AuthenticateAsClientAsync(client, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new RedisBulkConnectionException(
                $"The TLS handshake with {options.EndPoint} failed: {exception.Message}. Check that the server listens with TLS on this port, pass --tls-ca with the authority that signed its certificate (or --tls-insecure for a test server), and --tls-cert/--tls-key if it requires client certificates.", exception);
        }
    }

    private static X509Certificate2Collection LoadAuthority(string path)
    {
        try
        {
            var authority = new X509Certificate2Collection();
            authority.ImportFromPemFile(path);
            return authority;
        }
        catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new RedisBulkConnectionException($"Could not read the TLS certificate authority file '{path}': {exception.Message}. Give a PEM file (--tls-ca).", exception);
        }
    }

    private static bool Trusted(RedisConnectionOptions options, X509Certificate2Collection? authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (options.TlsAllowUntrusted)
        {
            return true;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (authority is null || certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        // The system does not know the authority: check the chain against the one the user gave.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    private static async Task HandshakeAsync(Stream stream, RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        using var client = new RespRequestClient(stream);
        try
        {
            if (options.Password is not null)
            {
                var auth = await client.ExecuteAsync(
                    options.User is null ? ["AUTH", options.Password] : ["AUTH", options.User, options.Password], cancellationToken).ConfigureAwait(false);
                if (auth.IsError)
                {
                    throw new RedisBulkConnectionException(AuthMessage(options, auth.Text!));
                }
            }

            if (options.Database != 0)
            {
                var select = await client.ExecuteAsync(["SELECT", options.Database.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
                if (select.IsError)
                {
                    throw new RedisBulkConnectionException(select.Text!.StartsWith("NOAUTH", StringComparison.Ordinal)
                        ? NoAuthMessage(options)
                        : $"Redis at {options.EndPoint} refused SELECT {options.Database}: {select.Text}. Check --db (the server has 'databases' of them, numbered from 0).");
                }
            }

            // A PING tells a server that wants a password apart from one that takes commands, before any data is sent.
            var ping = await client.ExecuteAsync(["PING"], cancellationToken).ConfigureAwait(false);
            if (ping.IsError)
            {
                throw new RedisBulkConnectionException(ping.Text!.StartsWith("NOAUTH", StringComparison.Ordinal)
                    ? NoAuthMessage(options)
                    : $"Redis at {options.EndPoint} refused PING: {ping.Text}. Check that the user may run commands (ACL).");
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            throw new RedisBulkConnectionException(
                $"Redis at {options.EndPoint} closed the connection or answered with something that is not RESP during the handshake ({exception.Message}). If the server only accepts TLS, pass --tls; check that this port is a Redis server.", exception);
        }
    }

    private static string NoAuthMessage(RedisConnectionOptions options) =>
        $"Redis at {options.EndPoint} requires a password: pass --password (and --user for an ACL user), or set REDISCLI_AUTH.";

    private static string AuthMessage(RedisConnectionOptions options, string error)
    {
        if (error.Contains("without any password configured", StringComparison.Ordinal) || error.Contains("no password is set", StringComparison.Ordinal))
        {
            return $"Redis at {options.EndPoint} has no password set but one was given ({error}). Drop --password, or configure requirepass / an ACL user.";
        }

        return error.StartsWith("WRONGPASS", StringComparison.Ordinal)
            ? $"Redis at {options.EndPoint} refused the credentials ({error}). Check --user and --password."
            : $"Redis at {options.EndPoint} refused AUTH: {error}. Check --user and --password.";
    }
}
