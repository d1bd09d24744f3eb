using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Locksmith.Cli.Tests;

/// <summary>Server down, killed mid-load, wrong credentials, ACL limits: each a clear message and exit code 3 (or a reported failure).</summary>
public sealed class ConnectionFaultTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_server_killed_mid_load_is_reported_with_the_number_of_confirmed_commands()
    {
        var server = await RedisServer.StartAsync();
        try
        {
            // An endless input; the server is killed once 8 MB (about 180,000 commands) have been read.
            await using var input = new GeneratedRespStream("killed:", long.MaxValue, 8_000_000, async () => await server.DisposeAsync());

            var run = await Cli.RunWithInputAsync(input, "bulk-load", "-", "--redis", server.EndPoint, "--no-progress");

            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains($"error: the connection to {server.EndPoint} was lost", run.Output);
            var replies = long.Parse(Regex.Match(run.Output, @"errors: 0, replies: (\d+)").Groups[1].Value);
            Assert.InRange(replies, 1, 200_000);
            Assert.Contains($"{replies:N0} commands were confirmed (the first {replies:N0} of the input, in order)", run.Output);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task No_server_at_the_address_says_what_to_check()
    {
        var port = FreePort();

        var run = await Cli.RunAsync("bulk-load", _files.Write("a.txt", "SET a 1"), "--redis", $"127.0.0.1:{port}");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"Could not connect to Redis at 127.0.0.1:{port}", run.Error);
        Assert.Contains("Is redis-server running there? Check --redis host:port.", run.Error);
    }

    [Fact]
    public async Task Password_problems_are_told_apart_and_the_right_password_loads()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "s3cret");
        var input = _files.Write("auth.txt", "SET auth:a 1");

        var missing = await Cli.RunAsync("bulk-load", input, "--redis", server.EndPoint);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("requires a password: pass --password", missing.Error);

        var wrong = await Cli.RunAsync("bulk-load", input, "--redis", server.EndPoint, "--password", "nope");
        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("refused the credentials (WRONGPASS", wrong.Error);

        var right = await Cli.RunAsync("bulk-load", input, "--redis", server.EndPoint, "--password", "s3cret", "--db", "3");
        Assert.True(right.ExitCode == 0, right.ToString());

        var check = new RedisConnectionOptions { Port = server.Port, Password = "s3cret", Database = 3 };
        var report = await BulkLoader.LoadAsync(BulkInput.FromStream(new MemoryStream("*2\r\n$3\r\nGET\r\n$6\r\nauth:a\r\n"u8.ToArray()), BulkInputFormat.Resp), check);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task An_ACL_user_loads_its_keys_and_each_refused_key_is_reported_by_line()
    {
        await using var server = await RedisServer.StartAsync();
        await using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.EndPoint))
        {
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "loader", "on", ">pw", "~bulk:*", "+@all");
        }

        var input = _files.Write("acl.txt", "SET bulk:1 a\nSET other:1 b\nSET bulk:2 c\n");

        var run = await Cli.RunAsync("bulk-load", input, "--redis", server.EndPoint, "--user", "loader", "--password", "pw");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("errors: 1, replies: 3", run.Output);
        Assert.Contains("  line 2: SET other:1 b\n    -> NOPERM", run.Output);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named()
    {
        await using var server = await RedisServer.StartAsync();

        var run = await Cli.RunAsync("bulk-load", _files.Write("db.txt", "PING"), "--redis", server.EndPoint, "--db", "99");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("refused SELECT 99", run.Error);
    }

    public void Dispose() => _files.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
