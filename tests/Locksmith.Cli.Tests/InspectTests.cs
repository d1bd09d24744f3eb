using System.Text.Json;
using Locksmith.Redis.Inspection;

namespace Locksmith.Cli.Tests;

/// <summary>
/// `locksmith inspect` reports what Locksmith itself wrote: locks (fenced and plain), semaphores (plain and fair, with
/// a waiter in line), waiters, and queues (a backlog, and a consumer group with a member and a dead letter).
/// </summary>
public sealed class InspectTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _prefix = $"in{Guid.NewGuid().ToString("N")[..6]}:";

    [Fact]
    public async Task Inspect_shows_the_locks_semaphores_waiters_and_queues_the_providers_wrote()
    {
        await using var worker = await LocksmithHost.StartAsync(redis.Server.EndPoint, _prefix, InspectedWork.Poison);
        await using var other = await LocksmithHost.StartAsync(redis.Server.EndPoint, _prefix);
        using var stopWaiting = new CancellationTokenSource();
        var waitLonger = TimeSpan.FromMinutes(2);

        await using var fenced = await worker.Locks.AcquireAsync("order:42", new LockOptions { Fencing = true });
        await using var plain = await worker.Locks.AcquireAsync("plain");
        var lockWaiter = other.Locks.AcquireAsync("order:42", new LockOptions { WaitTimeout = waitLonger }, stopWaiting.Token).AsTask();
        await using var permit1 = await worker.Semaphores.AcquireAsync("pool", 3);
        await using var permit2 = await worker.Semaphores.AcquireAsync("pool", 3);
        await using var fairPermit = await worker.Semaphores.AcquireAsync("fair-pool", 1, new SemaphoreOptions { Fair = true });
        var fairWaiter = other.Semaphores.AcquireAsync("fair-pool", 1, new SemaphoreOptions { Fair = true, WaitTimeout = waitLonger }, stopWaiting.Token).AsTask();
        await other.CallAsync(async w =>
        {
            for (var i = 0; i < 5; i++)
            {
                await w.WaitAsync($"key-{i}");
            }

            await w.FailAsync("poison-1");
        });

        await Eventually.UntilAsync(
            async () =>
            {
                var report = await InspectAsync();
                return report.Waiters.Any(w => w.RedisKey == _prefix + "lock:{order:42}")
                    && report.Semaphores.Any(s => s.Key == "fair-pool" && s.Queued.Count == 1 && s.Waiters == 1)
                    && report.Queues.Any(q => q.Name == InspectedWork.Poison && q.DeadLetters == 1 && q.Groups.Any(g => g.Members.Count == 1));
            },
            Patience,
            "the waiters to subscribe and the poison item to be dead-lettered");

        var run = await Cli.RunAsync("inspect", "--redis", redis.Server.EndPoint, "--prefix", _prefix, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var locks = root.GetProperty("locks").EnumerateArray().ToDictionary(l => l.GetProperty("key").GetString()!);
        var held = locks["order:42"];
        Assert.Equal(_prefix + "lock:{order:42}", held.GetProperty("redisKey").GetString());
        Assert.InRange(held.GetProperty("ttlMilliseconds").GetInt64(), 1, 30_000);
        Assert.Equal(fenced.FencingToken, held.GetProperty("fencingToken").GetInt64());
        Assert.Equal(1, held.GetProperty("waiters").GetInt64());
        Assert.Equal(JsonValueKind.Null, locks["plain"].GetProperty("fencingToken").ValueKind);
        Assert.Contains(locks.Keys, k => k.StartsWith($"queue/{InspectedWork.Poison}/default/", StringComparison.Ordinal)); // the consumer's partition lease

        var fences = root.GetProperty("fences").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
        Assert.Equal(fenced.FencingToken, fences["order:42"].GetProperty("lastToken").GetInt64());
        Assert.DoesNotContain("plain", fences.Keys);

        var semaphores = root.GetProperty("semaphores").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal(2, semaphores["pool"].GetProperty("used").GetInt32());
        Assert.Equal(0, semaphores["pool"].GetProperty("expired").GetInt32());
        Assert.Empty(semaphores["pool"].GetProperty("queued").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, semaphores["pool"].GetProperty("lastTicket").ValueKind);
        var fair = semaphores["fair-pool"];
        Assert.Equal(1, fair.GetProperty("used").GetInt32());
        Assert.Equal(1, fair.GetProperty("waiters").GetInt64());
        var inLine = Assert.Single(fair.GetProperty("queued").EnumerateArray());
        Assert.InRange(inLine.GetProperty("ttlMilliseconds").GetInt64(), 1, 60_000);
        Assert.True(fair.GetProperty("lastTicket").GetInt64() >= inLine.GetProperty("ticket").GetInt64());

        Assert.Contains(root.GetProperty("waiters").EnumerateArray(), w => w.GetProperty("channel").GetString() == $"{_prefix}released:{_prefix}lock:{{order:42}}");

        var queues = root.GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!);
        var backlog = queues[InspectedWork.Backlog];
        Assert.Equal(5, backlog.GetProperty("length").GetInt64());
        Assert.Equal(2, backlog.GetProperty("partitionCount").GetInt64());
        Assert.Empty(backlog.GetProperty("groups").EnumerateArray());
        var poison = queues[InspectedWork.Poison];
        var partition = Assert.Single(poison.GetProperty("partitions").EnumerateArray());
        Assert.Equal(0, partition.GetProperty("partition").GetInt32());
        Assert.Equal("default", Assert.Single(partition.GetProperty("groups").EnumerateArray()).GetProperty("name").GetString());
        var group = Assert.Single(poison.GetProperty("groups").EnumerateArray());
        Assert.Equal("default", group.GetProperty("name").GetString());
        Assert.Equal(1, group.GetProperty("deadLetters").GetInt64());
        Assert.Equal(0, group.GetProperty("outbox").GetInt64());
        Assert.InRange(Assert.Single(group.GetProperty("members").EnumerateArray()).GetProperty("ttlMilliseconds").GetInt64(), 1, 60_000);
        Assert.Equal(1, poison.GetProperty("deadLetters").GetInt64());

        var table = await Cli.RunAsync("inspect", "--redis", redis.Server.EndPoint, "--prefix", _prefix);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("order:42", table.Output);
        Assert.Contains("fair line (ticket)", table.Output);
        Assert.Contains("Queue groups (1)", table.Output);
        Assert.Contains(InspectedWork.Backlog, table.Output);

        await stopWaiting.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lockWaiter);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fairWaiter);
    }

    [Fact]
    public async Task Inspect_with_another_prefix_sees_only_that_prefix()
    {
        await using var app1 = await LocksmithHost.StartAsync(redis.Server.EndPoint, "app1:");
        await using var app2 = await LocksmithHost.StartAsync(redis.Server.EndPoint, _prefix);
        await using var job = await app1.Locks.AcquireAsync("job");
        await using var elsewhere = await app2.Locks.AcquireAsync("elsewhere", new LockOptions { Fencing = true });

        var run = await Cli.RunAsync("inspect", "--redis", redis.Server.EndPoint, "--prefix", "app1:", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var held = Assert.Single(json.RootElement.GetProperty("locks").EnumerateArray());
        Assert.Equal("job", held.GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("fencingToken").ValueKind);
        Assert.Empty(json.RootElement.GetProperty("fences").EnumerateArray());
    }

    [Fact]
    public async Task Inspect_shows_rate_limits_with_their_grants_and_horizon()
    {
        await using var worker = await LocksmithHost.StartAsync(redis.Server.EndPoint, _prefix);
        using var window = worker.RateLimiters.CreateSlidingWindow("geo-api:acme", new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) });
        using var bucket = worker.RateLimiters.CreateTokenBucket("geo-api:globex", new() { TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) });
        Assert.True((await window.AcquireAsync(3)).IsAcquired);
        Assert.True((await bucket.AcquireAsync(1)).IsAcquired);

        var run = await Cli.RunAsync("inspect", "--redis", redis.Server.EndPoint, "--prefix", _prefix);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Rate limits (2; the budget is not stored in Redis)", run.Output);
        Assert.Matches(@"geo-api:acme\s+.\s*sliding window\s+.\s*3\s", run.Output);
        Assert.Matches(@"geo-api:globex\s+.\s*token bucket\s+.\s*-\s", run.Output);
    }

    [Fact]
    public async Task An_empty_server_prints_none_for_every_section()
    {
        await using var server = await RedisServer.StartAsync();

        var run = await Cli.RunAsync("inspect", "--redis", server.EndPoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Locks (0): none", run.Output);
        Assert.Contains("Queues (0): none", run.Output);
        Assert.Contains("Queue groups (0): none", run.Output);
        Assert.Contains("Rate limits (0; the budget is not stored in Redis): none", run.Output);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_connection_failure_not_a_stack_trace()
    {
        await using var server = await RedisServer.StartAsync();
        var endPoint = server.EndPoint;
        await server.DisposeAsync();

        var run = await Cli.RunAsync("inspect", "--redis", endPoint);

        Assert.Equal(ExitCodes.ConnectionFailed, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    private Task<InspectionReport> InspectAsync() => LocksmithInspector.InspectAsync(redis.Admin.GetDatabase(), _prefix);
}
