using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>Locks over TLS to a redis-server started with --tls-port and a certificate authority made by the test.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locksmith-tls-").FullName;

    [Fact]
    public async Task Locks_work_over_TLS_with_a_certificate_the_client_verifies()
    {
        MakeCertificates();
        var port = RedisServerPort();
        await using var server = await RedisServer.StartOnPortAsync(
            port, "--port", "0", "--tls-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tls-cert-file", Path.Combine(_dir, "server.crt"), "--tls-key-file", Path.Combine(_dir, "server.key"),
            "--tls-ca-cert-file", Path.Combine(_dir, "ca.crt"), "--tls-auth-clients", "no");
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, "ca.crt"));
        var configuration = new ConfigurationOptions { EndPoints = { { "127.0.0.1", port } }, Ssl = true, SslHost = "localhost", ConnectTimeout = 5000 };
        configuration.CertificateValidation += (_, certificate, _, errors) => TrustedBy(authority, certificate, errors);

        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(configuration)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();

        await using var lease = await locks.AcquireAsync("tls", new LockOptions { Fencing = true });
        Assert.True(lease.FencingToken > 0);
        Assert.Null(await locks.TryAcquireAsync("tls"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool TrustedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private void MakeCertificates()
    {
        OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Locksmith test CA",
            "-keyout", "ca.key", "-out", "ca.crt");
        OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        File.WriteAllText(Path.Combine(_dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        OpenSsl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "san.ext", "-out", "server.crt");
    }

    private void OpenSsl(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = _dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed: {errors}");
    }

    private static int RedisServerPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
