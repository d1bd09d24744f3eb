namespace Locksmith.Cli.Tests;

/// <summary>Volume: a million commands are all sent and all answered, counted exactly.</summary>
public sealed class LargeLoadTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_million_commands_from_standard_input_are_all_confirmed_and_stored()
    {
        await using var input = new GeneratedRespStream("million:", 1_000_000);

        var run = await Cli.RunWithInputAsync(input, "bulk-load", "-", "--redis", redis.Server.EndPoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("errors: 0, replies: 1000000\n", run.Output);
        Assert.Equal(1_000_000, await redis.Admin.GetServer(redis.Server.EndPoint).DatabaseSizeAsync());
        Assert.Equal("999999", await redis.Db.StringGetAsync("million:999999"));
        Assert.Contains("progress:", run.Error); // plain progress lines when not on a terminal (at least the final one)
    }

    [Fact]
    public async Task Memory_stays_bounded_by_the_in_flight_window_while_the_server_is_slower()
    {
        // A tiny window: the writer must wait for replies rather than queue the input in memory.
        await using var input = new GeneratedRespStream("window:", 200_000);
        var options = new BulkLoadOptions { ChunkBytes = 4096, MaxChunksInFlight = 2 };
        long maxUnanswered = 0;
        var progress = new SynchronousProgress(p => maxUnanswered = Math.Max(maxUnanswered, p.CommandsSent - p.Replies));
        options.ProgressInterval = TimeSpan.FromMilliseconds(5);

        var result = await BulkLoader.LoadAsync(BulkInput.FromStream(input, BulkInputFormat.Resp), redis.Connection, options, progress);

        Assert.True(result.Succeeded);
        Assert.Equal(200_000, result.Replies);
        // Two queued chunks plus the one whose replies are being read, each 4 KiB of commands of at least 30 bytes.
        Assert.InRange(maxUnanswered, 1, 3 * 4096 / 30);
    }

    private sealed class SynchronousProgress(Action<BulkLoadProgress> report) : IProgress<BulkLoadProgress>
    {
        public void Report(BulkLoadProgress value) => report(value);
    }
}
