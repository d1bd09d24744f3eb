namespace Locksmith.Cli.Tests;

/// <summary>Loading over TLS to a redis-server with a certificate authority made here; mismatches say which option to pass.</summary>
public sealed class TlsLoadTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_load_over_TLS_verifies_the_server_with_the_given_authority()
    {
        await using var server = await TlsRedisServer.StartAsync();
        var port = server.Port;
        var input = _files.Write("tls.txt", "SET tls:a 1\nINCR tls:a\nGET tls:a\n");
        var endPoint = $"127.0.0.1:{port}";

        var run = await Cli.RunAsync("bulk-load", input, "--redis", endPoint, "--tls-ca", server.CaCertificateFile, "--tls-server-name", "localhost");
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

    public void Dispose() => _files.Dispose();
}
