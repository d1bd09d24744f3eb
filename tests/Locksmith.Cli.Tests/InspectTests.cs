using System.Text.Json;
using StackExchange.Redis;

namespace Locksmith.Cli.Tests;

/// <summary>`locksmith inspect` reads locks, fences, semaphores, waiters and queue streams written the way Locksmith writes them.</summary>
public sealed class InspectTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Inspect_shows_locks_fences_semaphores_waiters_and_queues()
    {
        var db = redis.Db;
        await redis.Admin.GetServer(redis.Server.EndPoint).FlushDatabaseAsync();
        var time = (RedisResult[])(await db.ExecuteAsync("TIME"))!;
        var now = ((long)time[0] * 1000) + ((long)time[1] / 1000);

        await db.StringSetAsync("ls:lock:{order:42}", "owner-a", TimeSpan.FromSeconds(30));
        await db.StringSetAsync("ls:fence:{order:42}", 1_700_000_000_123, TimeSpan.FromDays(1));
        await db.StringSetAsync("ls:fence:{order:7}", 99);
        await db.SortedSetAddAsync("ls:sem:{pool}", [new SortedSetEntry("holder-1", now + 20_000), new SortedSetEntry("holder-2", now + 40_000), new SortedSetEntry("crashed", now - 1_000)]);
        await db.StringSetAsync("other:key", "not Locksmith's");

        // Two processes waiting for the lock: two subscriber connections on its release channel.
        await using var waiter1 = await ConnectionMultiplexer.ConnectAsync(redis.Server.EndPoint);
        await using var waiter2 = await ConnectionMultiplexer.ConnectAsync(redis.Server.EndPoint);
        await waiter1.GetSubscriber().SubscribeAsync(RedisChannel.Literal("ls:released:ls:lock:{order:42}"), (_, _) => { });
        await waiter2.GetSubscriber().SubscribeAsync(RedisChannel.Literal("ls:released:ls:lock:{order:42}"), (_, _) => { });

        // A queue as the streams transport will store it: partitions with a consumer group, and dead letters.
        for (var i = 0; i < 5; i++)
        {
            await db.StreamAddAsync("ls:q:{orders:0}", "body", $"m{i}");
        }

        await db.StreamAddAsync("ls:q:{orders:1}", "body", "x");
        await db.StreamCreateConsumerGroupAsync("ls:q:{orders:0}", "workers", "0-0");
        await db.StreamReadGroupAsync("ls:q:{orders:0}", "workers", "worker-a", ">", count: 2);
        await db.StreamReadGroupAsync("ls:q:{orders:0}", "workers", "worker-b", ">", count: 1);
        await db.StreamAddAsync("ls:q:{orders:1}:dead:default", "body", "poison");
        await db.StreamAddAsync("ls:q:{orders:1}:out", "t", "ls:q:{orders:0}");

        var run = await Cli.RunAsync("inspect", "--redis", redis.Server.EndPoint, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;

        var held = Assert.Single(root.GetProperty("locks").EnumerateArray());
        Assert.Equal("order:42", held.GetProperty("key").GetString());
        Assert.Equal("owner-a", held.GetProperty("owner").GetString());
        Assert.InRange(held.GetProperty("ttlMilliseconds").GetInt64(), 20_000, 30_000);
        Assert.Equal(1_700_000_000_123, held.GetProperty("fencingToken").GetInt64());
        Assert.Equal(2, held.GetProperty("waiters").GetInt64());

        Assert.Equal(["order:42", "order:7"], root.GetProperty("fences").EnumerateArray().Select(f => f.GetProperty("key").GetString()));

        var semaphore = Assert.Single(root.GetProperty("semaphores").EnumerateArray());
        Assert.Equal("pool", semaphore.GetProperty("key").GetString());
        Assert.Equal(2, semaphore.GetProperty("used").GetInt32());
        Assert.Equal(1, semaphore.GetProperty("expired").GetInt32());
        Assert.Equal(["holder-1", "holder-2"], semaphore.GetProperty("holders").EnumerateArray().Select(h => h.GetProperty("owner").GetString()));

        var waiting = Assert.Single(root.GetProperty("waiters").EnumerateArray());
        Assert.Equal("ls:lock:{order:42}", waiting.GetProperty("redisKey").GetString());

        var queue = Assert.Single(root.GetProperty("queues").EnumerateArray());
        Assert.Equal("orders", queue.GetProperty("name").GetString());
        Assert.Equal(1, queue.GetProperty("deadLetters").GetInt64());
        Assert.Equal(6, queue.GetProperty("length").GetInt64());
        var partition0 = queue.GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("partition").GetString() == "0");
        var group = Assert.Single(partition0.GetProperty("groups").EnumerateArray());
        Assert.Equal(3, group.GetProperty("pending").GetInt64());
        Assert.Equal(2, group.GetProperty("lag").GetInt64());
        Assert.Equal([("worker-a", 2L), ("worker-b", 1L)],
            group.GetProperty("consumers").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("pending").GetInt64())).OrderBy(c => c.Item1));

        var table = await Cli.RunAsync("inspect", "--redis", redis.Server.EndPoint);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Locks (1)", table.Output);
        Assert.Contains("order:42", table.Output);
        Assert.Contains("owner-a", table.Output);
        Assert.Contains("holder-1", table.Output);
        Assert.Contains("worker-a (2)", table.Output);
        Assert.DoesNotContain("other:key", table.Output);
    }

    [Fact]
    public async Task Inspect_with_another_prefix_sees_only_that_prefix()
    {
        await redis.Db.StringSetAsync("app1:lock:{job}", "owner-x", TimeSpan.FromSeconds(10));
        await redis.Db.StringSetAsync("ls:lock:{elsewhere}", "owner-y", TimeSpan.FromSeconds(10));

        var run = await Cli.RunAsync("inspect", "--redis", redis.Server.EndPoint, "--prefix", "app1:", "--json");

        using var json = JsonDocument.Parse(run.Output);
        var held = Assert.Single(json.RootElement.GetProperty("locks").EnumerateArray());
        Assert.Equal("job", held.GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("fencingToken").ValueKind);
    }

    [Fact]
    public async Task An_empty_server_prints_none_for_every_section()
    {
        await using var server = await RedisServer.StartAsync();

        var run = await Cli.RunAsync("inspect", "--redis", server.EndPoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Locks (0): none", run.Output);
        Assert.Contains("Queues (0): none", run.Output);
    }
}
