using System.Diagnostics;
using System.Globalization;

namespace Locksmith.Cli.Tests;

/// <summary>Loading over TLS to a redis-server with a certificate authority made here; mismatches say which option to pass.</summary>
public sealed class TlsLoadTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("locksmith-cli-tls-").FullName;

    [Fact]
    public async Task A_load_over_TLS_verifies_the_server_with_the_given_authority()
    {
        MakeCertificates();
        var port = FreePort();
        await using var server = await RedisServer.StartOnPortAsync(
            port, "--port", "0", "--tls-port", port.ToString(CultureInfo.InvariantCulture),
            "--tls-cert-file", Path.Combine(_dir, "server.crt"), "--tls-key-file", Path.Combine(_dir, "server.key"),
            "--tls-ca-cert-file", Path.Combine(_dir, "ca.crt"), "--tls-auth-clients", "no");
        var input = _files.Write("tls.txt", "SET tls:a 1\nINCR tls:a\nGET tls:a\n");
        var endPoint = $"127.0.0.1:{port}";

        var run = await Cli.RunAsync("bulk-load", input, "--redis", endPoint, "--tls-ca", Path.Combine(_dir, "ca.crt"), "--tls-server-name", "localhost");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("errors: 0, replies: 3", run.Output);

        var untrusted = await Cli.RunAsync("bulk-load", input, "--redis", endPoint, "--tls");
        Assert.Equal(3, untrusted.ExitCode);
        Assert.Contains("The TLS handshake with", untrusted.Error);
        Assert.Contains("--tls-ca", untrusted.Error);

        var plain = await Cli.RunAsync("bulk-load", input, "--redis", endPoint);
        Assert.Equal(3, plain.ExitCode);
        Assert.Contains("pass --tls", plain.Error);

        var inspect = await Cli.RunAsync("inspect", "--redis", endPoint, "--tls-insecure", "--json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
    }

    public void Dispose()
    {
        _files.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private void MakeCertificates()
    {
        OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Locksmith CLI test CA", "-keyout", "ca.key", "-out", "ca.crt");
        OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        File.WriteAllText(Path.Combine(_dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        OpenSsl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
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

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
