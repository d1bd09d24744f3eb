using System.Text;

namespace Locksmith.Cli.Tests;

/// <summary>A bad line or frame is named by its line or byte offset, and nothing after it is sent unless asked.</summary>
public sealed class MalformedInputTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task An_unterminated_quote_stops_the_load_before_its_line()
    {
        var input = _files.Write("quote.txt", "SET stop:1 a\nSET stop:2 b\nSET stop:3 \"unterminated\nSET stop:4 d\n");

        var run = await Cli.RunAsync("bulk-load", input, "--redis", redis.Server.EndPoint);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("errors: 0, replies: 2", run.Output);
        Assert.Contains("input error at line 3: unterminated double quote", run.Output);
        Assert.Contains("nothing after", run.Output);
        Assert.Equal("b", await redis.Db.StringGetAsync("stop:2"));
        Assert.False(await redis.Db.KeyExistsAsync("stop:4"));
    }

    [Fact]
    public async Task Continue_on_parse_error_skips_bad_lines_and_sends_the_rest()
    {
        var input = _files.Write("skip.txt", "SET skip:1 a\nSET skip:2 'x'y\nSET skip:3 c\n");

        var run = await Cli.RunAsync("bulk-load", input, "--redis", redis.Server.EndPoint, "--continue-on-parse-error");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("errors: 0, replies: 2", run.Output);
        Assert.Contains("input error at line 2: a closing quote must be followed by a space", run.Output);
        Assert.Equal("c", await redis.Db.StringGetAsync("skip:3"));
    }

    [Fact]
    public async Task A_RESP_length_that_does_not_match_its_content_is_reported_at_its_byte_offset()
    {
        var good = "*3\r\n$3\r\nSET\r\n$6\r\nframe1\r\n$1\r\nv\r\n"; // 32 bytes
        var bad = "*3\r\n$3\r\nSET\r\n$6\r\nframe2\r\n$2\r\nv\r\n";  // says 2 bytes, has 1: no CRLF where the length says
        var after = "*3\r\n$3\r\nSET\r\n$6\r\nframe3\r\n$1\r\nv\r\n";
        var input = _files.Write("bad.resp", good + bad + after);

        var result = await BulkLoader.LoadAsync(BulkInput.FromFile(input), redis.Connection);

        var error = Assert.Single(result.InputErrors);
        Assert.Equal(2, error.Position.CommandIndex);
        Assert.Contains("malformed RESP in command 2 (starting at byte 32), at byte 63", error.Message);
        Assert.Equal(63, error.Position.ByteOffset);
        Assert.True(result.StoppedAtInputError);
        Assert.Equal(1, result.Replies);
        Assert.True(await redis.Db.KeyExistsAsync("frame1"));
        Assert.False(await redis.Db.KeyExistsAsync("frame3"));
    }

    [Fact]
    public async Task After_a_bad_RESP_frame_continuing_resumes_at_the_next_command_array()
    {
        var input = _files.Write("resync.resp", "*2\r\n$4\r\nINCR\r\n$2\r\nr1\r\n" + "garbage line\r\n*x\r\n" + "*2\r\n$4\r\nINCR\r\n$2\r\nr2\r\n");

        var result = await BulkLoader.LoadAsync(BulkInput.FromFile(input, BulkInputFormat.Resp), redis.Connection, new BulkLoadOptions { ContinueOnInputError = true });

        Assert.Equal(2, result.Replies);
        Assert.Equal(2, result.InputErrorCount);
        Assert.Contains("expected '*'", result.InputErrors[0].Message);
        Assert.Equal(22, result.InputErrors[0].Position.ByteOffset);
        Assert.Equal(1, (long)await redis.Db.StringGetAsync("r2"));
    }

    [Fact]
    public async Task A_truncated_RESP_file_is_reported_and_the_complete_commands_are_loaded()
    {
        var input = _files.Write("cut.resp", "*3\r\n$3\r\nSET\r\n$3\r\ncut\r\n$1\r\nv\r\n*3\r\n$3\r\nSET\r\n$4\r\ncut2\r\n$10\r\nabc");

        var run = await Cli.RunAsync("bulk-load", input, "--redis", redis.Server.EndPoint);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the input ends inside command 2, which starts at byte 29", run.Output);
        Assert.Equal("v", await redis.Db.StringGetAsync("cut"));
    }

    [Theory]
    [InlineData("rows.csv", "k,v\nonly-one-field\n", "line 2: expected 2 fields (key,value) for a SET, found 1")]
    [InlineData("rows.csv", "k,\"open\n", "line 1: unterminated quoted field")]
    [InlineData("rows.jsonl", "[\"SET\",\"a\",\"b\"]\n{\"not\":\"an array\"}\n", "line 2: expected a JSON array")]
    [InlineData("rows.jsonl", "[\"SET\",\"a\"\n", "line 1: invalid JSON")]
    [InlineData("rows.jsonl", "[\"SET\",\"a\",null]\n", "line 1: element 2: null is not a Redis value")]
    public async Task Dry_run_names_the_bad_line_of_CSV_and_JSON_lines_without_a_server(string name, string content, string expected)
    {
        var input = _files.Write(name, content);

        var run = await Cli.RunAsync("bulk-load", input, "--dry-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"input error at {expected}", run.Output);
        Assert.Contains("nothing was sent", run.Output);
    }

    [Fact]
    public async Task Dry_run_counts_the_commands_of_a_valid_file()
    {
        var input = _files.Write("ok.txt", "SET a 1\n\nSET b 2\r\nDEL a\n");

        var run = await Cli.RunAsync("bulk-load", input, "--dry-run", "--redis", "127.0.0.1:1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dry run: 3 commands read", run.Output);
    }

    [Fact]
    public async Task A_template_placeholder_past_the_last_column_names_the_line()
    {
        var input = _files.Write("short.csv", "a,b,c\nd,e\n");

        var result = await BulkLoader.ValidateAsync(new BulkInputBuilder(input).Csv("HSET {0} {1} {2}"));

        Assert.Equal(1, result.Commands);
        var error = Assert.Single(result.InputErrors);
        Assert.Equal(2, error.Position.Line);
        Assert.Contains("uses {2} but the record has 2 field(s)", error.Message);
    }

    [Fact]
    public async Task Usage_and_file_errors_have_their_own_exit_codes_and_say_what_to_fix()
    {
        var missing = await Cli.RunAsync("bulk-load", _files.PathOf("nope.txt"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist; check the path", missing.Error);

        var usage = await Cli.RunAsync("bulk-load");
        Assert.Equal(64, usage.ExitCode);

        var format = await Cli.RunAsync("bulk-load", _files.Write("x.txt", "PING"), "--format", "xml", "--dry-run");
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("Unknown --format 'xml'", format.Error);

        var template = await Cli.RunAsync("bulk-load", _files.Write("y.txt", "PING"), "--template", "SET {0} {1}", "--dry-run");
        Assert.Equal(2, template.ExitCode);
        Assert.Contains("--template applies to csv and jsonl", template.Error);
    }

    [Fact]
    public async Task Input_larger_than_the_read_buffer_with_CRLF_and_a_BOM_is_read_whole()
    {
        var text = new StringBuilder("\uFEFF");
        text.Append("SET big ").Append(new string('x', 600_000)).Append("\r\n");
        text.Append("SET after-big 1\r\n");
        var input = _files.Write("big.txt", Encoding.UTF8.GetBytes(text.ToString()));

        var result = await BulkLoader.LoadAsync(BulkInput.FromFile(input), redis.Connection);

        Assert.True(result.Succeeded);
        Assert.Equal(600_000, (await redis.Db.StringGetAsync("big")).Length());
        Assert.Equal("1", await redis.Db.StringGetAsync("after-big"));
    }

    public void Dispose() => _files.Dispose();

    private sealed class BulkInputBuilder(string path)
    {
        public BulkInput Csv(string template)
        {
            var input = BulkInput.FromFile(path, BulkInputFormat.Csv);
            input.Template = template;
            return input;
        }
    }
}
