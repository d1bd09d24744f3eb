using System.Text;
using StackExchange.Redis;

namespace Locksmith.Cli.Tests;

/// <summary>Every input format, loaded directly and through `resp convert` then loading the RESP file, stores the same data.</summary>
public sealed class InputFormatRoundTripTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task Inline_commands_with_quotes_and_escapes_are_stored_byte_for_byte()
    {
        var input = _files.Write("inline.txt", string.Join('\n',
            "# a comment, then a blank line",
            "",
            "SET inline:plain value",
            "SET \"inline:spaced key\" \"a value with spaces\"",
            "SET inline:escapes \"tab\\there\\nnewline \\\"quoted\\\" \\x00\\xff\"",
            "SET inline:single 'it\\'s single'",
            "  RPUSH   inline:list a b \"c d\"  ",
            "HSET inline:hash field 42\r",
            "SET inline:empty \"\""));

        await AssertRoundTripAsync(input, "inline", async db =>
        {
            Assert.Equal("value", await db.StringGetAsync("inline:plain"));
            Assert.Equal("a value with spaces", await db.StringGetAsync("inline:spaced key"));
            Assert.Equal([.. "tab\there\nnewline \"quoted\" "u8, 0x00, 0xff], (byte[])(await db.StringGetAsync("inline:escapes"))!);
            Assert.Equal("it's single", await db.StringGetAsync("inline:single"));
            Assert.Equal(["a", "b", "c d"], (await db.ListRangeAsync("inline:list")).Select(v => v.ToString()));
            Assert.Equal("42", await db.HashGetAsync("inline:hash", "field"));
            Assert.Equal(string.Empty, await db.StringGetAsync("inline:empty"));
        });
    }

    [Fact]
    public async Task Csv_key_value_rows_become_SETs_with_quoted_fields_kept_whole()
    {
        var input = _files.Write("pairs.csv", "csv:a,1\ncsv:b,\"two, with comma\"\n\"csv:c\",\"say \"\"hi\"\"\"\ncsv:d,\n");

        await AssertRoundTripAsync(input, "csv", async db =>
        {
            Assert.Equal("1", await db.StringGetAsync("csv:a"));
            Assert.Equal("two, with comma", await db.StringGetAsync("csv:b"));
            Assert.Equal("say \"hi\"", await db.StringGetAsync("csv:c"));
            Assert.Equal(string.Empty, await db.StringGetAsync("csv:d"));
        });
    }

    [Fact]
    public async Task Csv_with_a_header_fills_a_template_by_column_name_and_keeps_hash_tags_literal()
    {
        var input = _files.Write("users.csv", "id,name,city\n1,Ada Lovelace,London\n2,Alan,\"Wilmslow, Cheshire\"\n");

        await AssertRoundTripAsync(input, "csvtpl", async db =>
        {
            Assert.Equal("Ada Lovelace", await db.HashGetAsync("user:{tag}:1", "name"));
            Assert.Equal("Wilmslow, Cheshire", await db.HashGetAsync("user:{tag}:2", "city"));
            Assert.Equal("{literal}", await db.HashGetAsync("user:{tag}:2", "note"));
        }, "--csv-header", "--template", "HSET user:{tag}:{id} name {name} city {2} note {{literal}}");
    }

    [Fact]
    public async Task Json_lines_arrays_are_commands_and_objects_fill_a_template()
    {
        var arrays = _files.Write("commands.jsonl", "[\"SET\",\"json:a\",\"x y\"]\n[\"INCRBY\",\"json:n\",5]\n\n[\"SET\",\"json:doc\",{\"k\":[1,2]}]\n");
        await AssertRoundTripAsync(arrays, "jsonl", async db =>
        {
            Assert.Equal("x y", await db.StringGetAsync("json:a"));
            Assert.Equal(5, (long)await db.StringGetAsync("json:n"));
            Assert.Equal("{\"k\":[1,2]}", await db.StringGetAsync("json:doc"));
        });

        var objects = _files.Write("objects.ndjson", "{\"id\":7,\"name\":\"Grace\"}\n{\"id\":8,\"name\":\"Edsger \\u00e9\"}\n");
        await AssertRoundTripAsync(objects, "jsonltpl", async db =>
        {
            Assert.Equal("Grace", await db.StringGetAsync("person:7"));
            Assert.Equal("Edsger é", await db.StringGetAsync("person:8"));
        }, "--template", "SET person:{id} {name}");
    }

    [Fact]
    public async Task Resp_files_written_by_hand_load_unchanged()
    {
        var input = _files.Write("hand.resp", "*3\r\n$3\r\nSET\r\n$6\r\nresp:a\r\n$5\r\nhe\r\nl\r\n*2\r\n$4\r\nINCR\r\n$6\r\nresp:n\r\n");

        var run = await Cli.RunAsync("bulk-load", input, "--redis", redis.Server.EndPoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("errors: 0, replies: 2", run.Output);
        Assert.Equal("he\r\nl", await redis.Db.StringGetAsync("resp:a"));
        Assert.Equal(1, (long)await redis.Db.StringGetAsync("resp:n"));
    }

    public void Dispose() => _files.Dispose();

    /// <summary>Loads the input directly, checks, flushes; converts it to RESP, loads that, checks again.</summary>
    private async Task AssertRoundTripAsync(string input, string name, Func<IDatabase, Task> check, params string[] inputOptions)
    {
        await redis.Admin.GetServer(redis.Server.EndPoint).FlushDatabaseAsync();
        var direct = await Cli.RunAsync(["bulk-load", input, "--redis", redis.Server.EndPoint, .. inputOptions]);
        Assert.True(direct.ExitCode == 0, direct.ToString());
        Assert.Contains("errors: 0,", direct.Output);
        await check(redis.Db);

        await redis.Admin.GetServer(redis.Server.EndPoint).FlushDatabaseAsync();
        var resp = _files.PathOf(name + ".resp");
        var convert = await Cli.RunAsync(["resp", "convert", input, "-o", resp, .. inputOptions]);
        Assert.True(convert.ExitCode == 0, convert.ToString());
        Assert.StartsWith("*", Encoding.ASCII.GetString(File.ReadAllBytes(resp)[..1]));
        var loaded = await Cli.RunAsync("bulk-load", resp, "--redis", redis.Server.EndPoint);
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        Assert.Equal(direct.Output.Split('\n')[0], loaded.Output.Split('\n')[0]);
        await check(redis.Db);
    }
}
