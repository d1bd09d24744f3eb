using System.Diagnostics;
using System.Globalization;

namespace Locksmith.Testing;

/// <summary>
/// A redis-server that speaks only TLS, with a certificate authority and a server certificate (for localhost and
/// 127.0.0.1) made by openssl in a temporary folder, deleted on dispose.
/// </summary>
public sealed class TlsRedisServer : IAsyncDisposable
{
    private readonly string _dir;

    private TlsRedisServer(string dir, RedisServer server)
    {
        _dir = dir;
        Server = server;
    }

    public RedisServer Server { get; }

    public int Port => Server.Port;

    public string EndPoint => Server.EndPoint;

    /// <summary>The authority that signed the server's certificate, for clients to trust.</summary>
    public string CaCertificateFile => Path.Combine(_dir, "ca.crt");

    public static async Task<TlsRedisServer> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("locksmith-tls-").FullName;
        MakeCertificates(dir);
        var port = RedisServer.FreePort();
        var server = await RedisServer.StartOnPortAsync(
            port, "--port", "0", "--tls-port", port.ToString(CultureInfo.InvariantCulture),
            "--tls-cert-file", Path.Combine(dir, "server.crt"), "--tls-key-file", Path.Combine(dir, "server.key"),
            "--tls-ca-cert-file", Path.Combine(dir, "ca.crt"), "--tls-auth-clients", "no");
        return new TlsRedisServer(dir, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static void MakeCertificates(string dir)
    {
        OpenSsl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Locksmith test CA", "-keyout", "ca.key", "-out", "ca.crt");
        OpenSsl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        File.WriteAllText(Path.Combine(dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        OpenSsl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
    }

    private static void OpenSsl(string dir, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl is not installed. Run ./test.sh (it installs it), or: apt-get install -y openssl");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed: {errors}");
        }
    }
}
