using Locksmith.Redis.QueueConsumer;
using Locksmith.Redis.Scripts;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>The Redis Streams transport on a real redis-server: volume, durability, retention and the failures a user can cause.</summary>
public sealed class QueueRedisTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"qr{Guid.NewGuid().ToString("N")[..6]}:";

    [Fact]
    public async Task Ten_thousand_items_over_eight_partitions_and_four_consumers_complete_once_each_in_key_order()
    {
        var journal = new BulkWork.Journal();
        void Services(IServiceCollection s) => s.AddSingleton(journal).AddSingleton<BulkWork>();
        void Queue(LocksmithBuilder b) => b.ConfigureQueue(BulkWork.Queue, q => q with { Partitions = 8 });
        var consumers = new List<QueueTestHost>();
        for (var i = 0; i < 4; i++)
        {
            consumers.Add(await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, Services, Queue));
        }

        await using var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, Services, Queue);
        const int Keys = 100, PerKey = 100;
        await producer.CallAsync<BulkWork>(w => Task.WhenAll(Enumerable.Range(0, Keys).Select(async k =>
        {
            for (var n = 0; n < PerKey; n++)
            {
                await w.RecordAsync($"key-{k}", n);
            }
        })));

        await Eventually.UntilAsync(() => journal.Runs.Count >= Keys * PerKey, TimeSpan.FromSeconds(120), () => $"every item to run ({journal.Runs.Count} of {Keys * PerKey} did)", TimeSpan.FromMilliseconds(100));

        await Task.Delay(500);
        foreach (var consumer in consumers)
        {
            await consumer.DisposeAsync();
        }

        var runs = journal.Runs.ToList();
        Assert.Equal(Keys * PerKey, runs.Count);
        Assert.Equal(Keys * PerKey, runs.Distinct().Count());
        foreach (var key in runs.GroupBy(r => r.Key))
        {
            Assert.Equal(Enumerable.Range(0, PerKey), key.Select(r => r.Sequence));
        }
    }

    [Fact]
    public async Task Consumers_started_together_split_the_partitions_evenly_and_consumers_beyond_the_partition_count_stay_idle()
    {
        void Queue(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 4 });
        var owners = new List<PartitionOwnership>();
        var hosts = new List<QueueTestHost>();
        async Task StartAsync(int count)
        {
            var started = Enumerable.Range(0, count).Select(_ => new PartitionOwnership()).ToList();
            owners.AddRange(started);
            hosts.AddRange(await Task.WhenAll(started.Select(o => QueueTestHost.StartAsync(
                fixture.Server.EndPoint, _prefix, consume: true, s => s.AddLogging(l => l.AddProvider(o)), Queue))));
        }

        try
        {
            await StartAsync(2);
            await WaitForSharesAsync([2, 2]);
            await StartAsync(3);
            await WaitForSharesAsync([0, 1, 1, 1, 1]);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        Task WaitForSharesAsync(int[] expected)
        {
            int[] shares = [];
            return Eventually.UntilAsync(
                () => (shares = [.. owners.Select(o => o.Owned(CrashWork.Queue)).Order()]).SequenceEqual(expected),
                TimeSpan.FromSeconds(30),
                () => $"the consumers to own [{string.Join(", ", expected)}] partitions (they owned [{string.Join(", ", shares)}]: {string.Join(" | ", owners)})",
                TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task MaxConcurrency_bounds_the_bodies_one_consumer_runs_at_once_across_its_partitions()
    {
        var gauge = new SlowWork.Gauge();
        void Services(IServiceCollection s) => s.AddSingleton(gauge).AddSingleton<SlowWork>();
        void Queue(LocksmithBuilder b) => b.ConfigureQueue(SlowWork.Queue, q => q with { Partitions = 4 });
        await using var consumer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, Services, Queue);
        await using var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, Services, Queue);

        await producer.CallAsync<SlowWork>(w => Task.WhenAll(Enumerable.Range(0, 40).Select(i => w.RunAsync($"key-{i % 8}", i))));
        await Eventually.UntilAsync(() => Volatile.Read(ref gauge.Completed) >= 40, TimeSpan.FromSeconds(30), () => $"all 40 items to complete ({gauge.Completed} did)", TimeSpan.FromMilliseconds(50));

        Assert.Equal(40, gauge.Completed);
        Assert.Equal(2, gauge.MostAtOnce);
    }

    [Fact]
    public async Task An_acknowledged_enqueue_survives_a_redis_restart_with_appendfsync_always()
    {
        await using var server = await DurableRedisServer.StartAsync();
        void Queue(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 4 });
        await using (var producer = await QueueTestHost.StartAsync(server.EndPoint, _prefix, consume: false, configure: Queue))
        {
            for (var i = 0; i < 300; i++)
            {
                var n = i;
                await producer.CallAsync<CrashWork>(w => w.ProcessAsync($"customer-{n % 7}", $"item-{n}", blockFirstRun: false, CancellationToken.None));
            }

            await server.KillAndRestartAsync();
        }

        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        var stored = 0L;
        for (var p = 0; p < 4; p++)
        {
            stored += await admin.GetDatabase().StreamLengthAsync($"{_prefix}q:{{{CrashWork.Queue}:{p}}}");
        }

        Assert.Equal(300, stored);
        await using var consumer = await QueueTestHost.StartAsync(server.EndPoint, _prefix, consume: true, configure: Queue);
        await Eventually.UntilAsync(async () => await admin.GetDatabase().ListLengthAsync(_prefix + "completed") >= 300, TimeSpan.FromSeconds(30), "all 300 items to complete", TimeSpan.FromMilliseconds(100));

        Assert.Equal(300, await admin.GetDatabase().ListLengthAsync(_prefix + "completed"));
    }

    [Fact]
    public async Task A_running_consumer_carries_on_after_redis_restarts_and_runs_every_item_once()
    {
        await using var server = await DurableRedisServer.StartAsync();
        void Queue(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 4 });
        await using var consumer = await QueueTestHost.StartAsync(server.EndPoint, _prefix, consume: true, configure: Queue);
        await using var producer = await QueueTestHost.StartAsync(server.EndPoint, _prefix, consume: false, configure: Queue);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint + ",abortConnect=false");
        await EnqueueAsync(0, 150);
        await WaitForCompletedAsync(150);

        await server.KillAndRestartAsync();
        await EnqueueAsync(150, 300);
        await WaitForCompletedAsync(300);

        var completed = (await admin.GetDatabase().ListRangeAsync(_prefix + "completed")).Select(v => ((string)v!).Split(':')[0]).ToList();
        Assert.Equal(300, completed.Distinct().Count());
        Assert.Equal(300, completed.Count);

        async Task EnqueueAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var n = i;
                // A call that fails while the connection comes back was not acknowledged: it is simply made again.
                await Eventually.SucceedsAsync<LocksmithBackendException>(
                    () => producer.CallAsync<CrashWork>(w => w.ProcessAsync($"customer-{n % 7}", $"item-{n}", blockFirstRun: false, CancellationToken.None)),
                    TimeSpan.FromSeconds(20),
                    TimeSpan.FromMilliseconds(100));
            }
        }

        Task WaitForCompletedAsync(long count) => Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    return await admin.GetDatabase().ListLengthAsync(_prefix + "completed") >= count;
                }
                catch (RedisException)
                {
                    return false; // The admin connection is coming back too.
                }
            },
            TimeSpan.FromSeconds(60),
            $"{count} items to complete");
    }

    [Fact]
    public async Task Trimming_removes_old_acknowledged_entries_and_keeps_every_one_a_group_has_not_acknowledged()
    {
        var db = fixture.Admin.GetDatabase();
        var stream = $"{_prefix}trim";
        for (var i = 0; i < 10; i++)
        {
            await db.StreamAddAsync(stream, "n", i);
        }

        Assert.Equal(0, await QueueTrimScript.EvaluateAsync(db, stream, 0));
        await db.StreamCreateConsumerGroupAsync(stream, "g", "0-0");
        var delivered = await db.StreamReadGroupAsync(stream, "g", "c", ">", 5);
        await db.StreamAcknowledgeAsync(stream, "g", [delivered[0].Id, delivered[1].Id, delivered[3].Id]);

        var removed = await QueueTrimScript.EvaluateAsync(db, stream, 0);

        Assert.Equal(2, removed);
        var left = (await db.StreamRangeAsync(stream)).Select(e => (int)e.Values[0].Value).ToList();
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], left);
        Assert.Equal(0, await QueueTrimScript.EvaluateAsync(db, stream, 3_600_000));
    }

    [Fact]
    public async Task Trimming_after_a_replay_keeps_every_entry_the_group_will_read_again_even_behind_an_older_pending_one()
    {
        var db = fixture.Admin.GetDatabase();
        var stream = $"{_prefix}trim-replay";
        for (var i = 0; i < 10; i++)
        {
            await db.StreamAddAsync(stream, "n", i);
        }

        await db.StreamCreateConsumerGroupAsync(stream, "g", "0-0");
        var delivered = await db.StreamReadGroupAsync(stream, "g", "c", ">", 10);
        await db.StreamAcknowledgeAsync(stream, "g", [.. delivered.Where((_, i) => i != 8).Select(e => e.Id)]);

        // A replay from entry 3 while entry 8 is still pending: the group reads 3.. again, so the cut must stop before 3.
        await db.ExecuteAsync("XGROUP", "SETID", stream, "g", (string)delivered[2].Id!);
        await QueueTrimScript.EvaluateAsync(db, stream, 0);

        var left = (await db.StreamRangeAsync(stream)).Select(e => (int)e.Values[0].Value).ToList();
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], left);
    }

    [Fact]
    public async Task A_process_configured_with_another_partition_count_is_refused_with_both_counts_named()
    {
        await using var first = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: b => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 4 }));
        await first.CallAsync<CrashWork>(w => w.ProcessAsync("c", "item", false, CancellationToken.None));
        await using var second = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: b => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 8 }));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.CallAsync<CrashWork>(w => w.ProcessAsync("c", "item", false, CancellationToken.None)));

        Assert.Contains("has 4 partition(s)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("configured with 8", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueueing_while_redis_is_down_fails_with_a_backend_exception_naming_the_server()
    {
        var port = RedisServer.FreePort();
        await using var producer = await QueueTestHost.StartAsync($"127.0.0.1:{port},connectTimeout=500,syncTimeout=1000,asyncTimeout=1000", _prefix, consume: false);

        var failure = await Assert.ThrowsAsync<LocksmithBackendException>(() => producer.CallAsync<CrashWork>(w => w.ProcessAsync("c", "item", false, CancellationToken.None)));

        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_argument_System_Text_Json_cannot_write_fails_the_call_naming_the_parameter_and_enqueues_nothing()
    {
        await using var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, s => s.AddSingleton<OddWork>());

        var failure = await Assert.ThrowsAsync<QueueArgumentException>(() => producer.CallAsync<OddWork>(w => w.SendAsync(new Payload(new IntPtr(1)))));

        Assert.Contains("argument 'payload'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Admin.GetDatabase().StreamLengthAsync($"{_prefix}q:{{odd:0}}"));
    }
}

/// <summary>A queued method whose argument System.Text.Json refuses.</summary>
public sealed class OddWork
{
    [QueuedBy("odd")]
    public Task SendAsync(Payload payload) => Task.FromResult(payload);
}

/// <summary>Carries a pointer-sized handle, which has no JSON form.</summary>
public sealed record Payload(IntPtr Handle);
