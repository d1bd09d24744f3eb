namespace Locksmith.Cli.Tests;

/// <summary>Every command the server refuses is reported with its position, its text and the server's error.</summary>
public sealed class FailedCommandReportTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task Wrong_arity_and_WRONGTYPE_commands_are_reported_at_their_lines_and_the_rest_is_applied()
    {
        var input = _files.Write("mixed.txt", string.Join('\n',
            "SET report:list-as-string x",          // 1
            "SET report:a 1",                       // 2
            "SET report:only-key",                  // 3 wrong arity
            "# comment",                            // 4
            "LPUSH report:list-as-string y",        // 5 WRONGTYPE
            "INCR report:a",                        // 6
            "NOSUCHCOMMAND a b",                    // 7 unknown command
            "SET report:b \"last value\""));        // 8

        var run = await Cli.RunAsync("bulk-load", input, "--redis", redis.Server.EndPoint);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("errors: 3, replies: 7", run.Output);
        Assert.Contains("  line 3: SET report:only-key\n    -> ERR wrong number of arguments for 'set' command", run.Output);
        Assert.Contains("  line 5: LPUSH report:list-as-string y\n    -> WRONGTYPE", run.Output);
        Assert.Contains("  line 7: NOSUCHCOMMAND a b\n    -> ERR unknown command", run.Output);
        Assert.Equal("2", await redis.Db.StringGetAsync("report:a"));
        Assert.Equal("last value", await redis.Db.StringGetAsync("report:b"));
    }

    [Fact]
    public async Task Failures_in_RESP_input_are_reported_by_command_index_and_byte_offset()
    {
        var good = "*3\r\n$3\r\nSET\r\n$6\r\nresp:k\r\n$1\r\nv\r\n";   // 32 bytes
        var bad = "*2\r\n$3\r\nSET\r\n$6\r\nresp:k\r\n";               // 24 bytes, wrong arity
        var wrongType = "*3\r\n$5\r\nLPUSH\r\n$6\r\nresp:k\r\n$1\r\nx\r\n";
        var input = _files.Write("mixed.resp", good + bad + good + wrongType);

        var result = await BulkLoader.LoadAsync(BulkInput.FromFile(input), redis.Connection);

        Assert.Equal(4, result.Replies);
        Assert.Equal(2, result.Errors);
        Assert.Collection(result.Failures,
            f =>
            {
                Assert.Equal(new CommandPosition(2, 0, good.Length), f.Position);
                Assert.Equal("SET resp:k", f.Command);
                Assert.StartsWith("ERR wrong number of arguments", f.Error);
            },
            f =>
            {
                Assert.Equal(new CommandPosition(4, 0, (2 * good.Length) + bad.Length), f.Position);
                Assert.StartsWith("WRONGTYPE", f.Error);
            });
        Assert.Equal("command 2 (byte 32)", result.Failures[0].Position.ToString());
    }

    [Fact]
    public async Task Errors_spread_over_many_chunks_map_to_their_exact_positions()
    {
        // 50,000 commands, every 997th refused: the failures cross dozens of pipelined chunks.
        var lines = Enumerable.Range(1, 50_000).Select(i => i % 997 == 0 ? $"INCR many:text" : $"SET many:{i} {i}");
        var input = _files.Write("many.txt", "SET many:text not-a-number\n" + string.Join('\n', lines));

        var result = await BulkLoader.LoadAsync(BulkInput.FromFile(input), redis.Connection, new BulkLoadOptions { MaxFailuresKept = 1000, ChunkBytes = 4096 });

        var expected = Enumerable.Range(1, 50_000).Where(i => i % 997 == 0).Select(i => (long)i + 1).ToList();
        Assert.Equal(50_001, result.Replies);
        Assert.Equal(expected.Count, result.Errors);
        Assert.Equal(expected, result.Failures.Select(f => f.Position.Line));
        Assert.All(result.Failures, f => Assert.Equal("INCR many:text", f.Command));
    }

    [Fact]
    public async Task Only_max_errors_shown_failures_are_listed_but_all_are_counted()
    {
        var input = _files.Write("errors.txt", string.Join('\n', Enumerable.Repeat("SET only-key", 30)));

        var run = await Cli.RunAsync("bulk-load", input, "--redis", redis.Server.EndPoint, "--max-errors-shown", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("errors: 30, replies: 30", run.Output);
        Assert.Contains("failed commands (5 of 30 shown;", run.Output);
        Assert.Contains("line 5: SET only-key", run.Output);
        Assert.DoesNotContain("line 6:", run.Output);
    }

    [Fact]
    public async Task Long_commands_are_shown_truncated_and_binary_arguments_quoted()
    {
        var input = _files.Write("long.txt", $"SET \"bin\\x00key\" {new string('v', 500)} EX notanumber\n");

        var result = await BulkLoader.LoadAsync(BulkInput.FromFile(input), redis.Connection);

        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("SET \"bin\\x00key\" vvvv", failure.Command);
        Assert.EndsWith("...", failure.Command);
        Assert.True(failure.Command.Length < 130, failure.Command);
    }

    public void Dispose() => _files.Dispose();
}
