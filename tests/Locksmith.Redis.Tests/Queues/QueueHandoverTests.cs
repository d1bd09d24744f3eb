using Locksmith.Redis.QueueConsumer;
using Locksmith.Redis.Tests.Faults;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>
/// Partitions handed from one consumer to the next (graceful stops, SIGTERM restarts, consumers joining and leaving)
/// while items are still waiting: what the next owner counts, runs, relays and cleans up.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class QueueHandoverTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"ho{Guid.NewGuid().ToString("N")[..6]}:";

    private IDatabase Db => fixture.Admin.GetDatabase();

    [Fact]
    public async Task Entries_left_pending_by_a_consumer_stopped_gracefully_all_run_with_MaxAttempts_1_and_none_is_dead_lettered()
    {
        void OneAttempt(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 1, MaxAttempts = 1 });
        await using (var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: OneAttempt))
        {
            for (var i = 0; i < 10; i++)
            {
                var n = i;
                await producer.CallAsync<CrashWork>(w => w.ProcessAsync("customer", $"item-{n}", blockFirstRun: n == 0, CancellationToken.None));
            }
        }

        // The first consumer reads the whole backlog in one batch, starts item 0 (which blocks) and is stopped.
        await using (await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, configure: OneAttempt))
        {
            await Eventually.UntilAsync(async () => await Db.ListLengthAsync(_prefix + "started") == 1, TimeSpan.FromSeconds(30), "the first consumer to start item 0");
        }

        await using var next = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, configure: OneAttempt);
        await Eventually.UntilAsync(
            async () => await Db.ListLengthAsync(_prefix + "completed") == 10 || await DeadLetterCountAsync(CrashWork.Queue) > 0,
            TimeSpan.FromSeconds(30),
            "the next owner to finish the 10 items");

        Assert.Equal(0, await DeadLetterCountAsync(CrashWork.Queue));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"item-{i}"), await CompletedIdsAsync());
    }

    [Fact]
    public async Task Five_SIGTERM_restarts_during_a_backlog_dead_letter_nothing_and_complete_every_item_once()
    {
        const int items = 60;
        await using (var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: b => b.ConfigureQueue(CrashWork.BacklogQueue, q => q with { Partitions = 1 })))
        {
            for (var i = 0; i < items; i++)
            {
                var n = i;
                await producer.CallAsync<CrashWork>(w => w.SlowAsync("customer", $"item-{n:D2}", 100, CancellationToken.None));
            }
        }

        for (var restart = 0; restart < 5; restart++)
        {
            await using var consumer = await StartConsumerAsync();
            var before = await Db.ListLengthAsync(_prefix + "completed");
            await Eventually.UntilAsync(async () => await Db.ListLengthAsync(_prefix + "completed") >= before + 3, TimeSpan.FromSeconds(30), $"consumer {restart + 1} to complete 3 items");
            await consumer.TerminateAsync(TimeSpan.FromSeconds(30));
        }

        await using var last = await StartConsumerAsync();
        await Eventually.UntilAsync(
            async () => await Db.ListLengthAsync(_prefix + "completed") >= items || await DeadLetterCountAsync(CrashWork.BacklogQueue) > 0,
            TimeSpan.FromSeconds(60),
            "the last consumer to drain the backlog");

        Assert.Equal(0, await DeadLetterCountAsync(CrashWork.BacklogQueue));
        Assert.Equal(Enumerable.Range(0, items).Select(i => $"item-{i:D2}"), await CompletedIdsAsync());
    }

    [Fact]
    public async Task Consumers_that_left_are_removed_from_the_group_once_their_entries_are_taken_over()
    {
        void OnePartition(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 1 });
        await using var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: OnePartition);
        for (var round = 0; round < 4; round++)
        {
            var n = round;
            await using var consumer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, configure: OnePartition);
            await producer.CallAsync<CrashWork>(w => w.ProcessAsync("customer", $"item-{n}", blockFirstRun: false, CancellationToken.None));
            await Eventually.UntilAsync(async () => await Db.ListLengthAsync(_prefix + "completed") == n + 1, TimeSpan.FromSeconds(30), $"consumer {n + 1} to run its item");
        }

        await using var survivor = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, configure: OnePartition);
        await producer.CallAsync<CrashWork>(w => w.ProcessAsync("customer", "item-4", blockFirstRun: false, CancellationToken.None));
        await Eventually.UntilAsync(async () => await Db.ListLengthAsync(_prefix + "completed") == 5, TimeSpan.FromSeconds(30), "the survivor to run its item");

        var stream = $"{_prefix}q:{{{CrashWork.Queue}:0}}";
        await Eventually.UntilAsync(
            async () => (await Db.StreamConsumerInfoAsync(stream, "default")).Length == 1,
            TimeSpan.FromSeconds(30),
            "the group to keep only the live consumer");
    }

    [Fact]
    public async Task Duplicate_entries_of_one_item_read_in_one_batch_run_once()
    {
        void OnePartition(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 1 });
        await using (var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: OnePartition))
        {
            await producer.CallAsync<CrashWork>(w => w.ProcessAsync("customer", "item-0", blockFirstRun: false, CancellationToken.None));
        }

        // A producer that retried an XADD whose reply was lost stored the item twice, back to back.
        var stream = $"{_prefix}q:{{{CrashWork.Queue}:0}}";
        var original = (await Db.StreamRangeAsync(stream))[0];
        await Db.StreamAddAsync(stream, original.Values);

        await using var consumer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, configure: OnePartition);
        await Eventually.UntilAsync(async () => await Db.ListLengthAsync(_prefix + "completed") >= 1 && (await Db.StreamPendingAsync(stream, "default")).PendingMessageCount == 0, TimeSpan.FromSeconds(30), "both entries to be acknowledged");
        await Task.Delay(300);

        Assert.Equal(["item-0"], await CompletedIdsAsync());
    }

    [Fact]
    public async Task Trimming_runs_on_its_schedule_while_a_partition_is_never_drained()
    {
        const int items = 150;
        void ShortRetention(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.BacklogQueue, q => q with { Partitions = 1, Retention = TimeSpan.FromSeconds(1) });
        await using (var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: ShortRetention))
        {
            for (var i = 0; i < items; i++)
            {
                var n = i;
                await producer.CallAsync<CrashWork>(w => w.SlowAsync("customer", $"item-{n:D3}", 40, CancellationToken.None));
            }
        }

        await Task.Delay(1500);
        var stream = $"{_prefix}q:{{{CrashWork.BacklogQueue}:0}}";
        await using var consumer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: true, configure: ShortRetention);
        await Eventually.UntilAsync(
            async () => await Db.StreamLengthAsync(stream) < items - 20,
            TimeSpan.FromSeconds(5),
            "the stream to be trimmed while its backlog lasts");

        var completed = await Db.ListLengthAsync(_prefix + "completed");
        Assert.True(completed < items, $"The backlog had drained ({completed} completed) before the check: the partition was not under load.");
    }

    [Fact]
    public async Task Chained_calls_are_relayed_when_the_completion_that_wrote_them_lost_its_reply()
    {
        await using var server = await RedisServer.StartAsync();
        await using var proxy = FaultProxy.Start(server.Port);
        var journal = new ChainWork.Journal();
        void Work(IServiceCollection s) => s.AddSingleton(journal).AddSingleton<ChainWork>();

        // A long visibility timeout: the lease must survive the reset, so only a relay can run the next step.
        void Patient(LocksmithBuilder b) => b.ConfigureQueueDefaults(o => o.Defaults = o.Defaults with { VisibilityTimeout = TimeSpan.FromSeconds(20), IdlePollInterval = TimeSpan.FromMilliseconds(100) });
        await using var consumer = await QueueTestHost.StartAsync(proxy.EndPoint + ",asyncTimeout=2000,syncTimeout=2000", _prefix, consume: true, Work, Patient);
        await using var producer = await QueueTestHost.StartAsync(server.EndPoint, _prefix, consume: false, Work, Patient);
        await producer.CallAsync<ChainWork>(w => w.FirstAsync("warm-up"));
        await Eventually.UntilAsync(() => journal.Steps.Contains("next:warm-up"), TimeSpan.FromSeconds(30), "the warm-up chain");

        // The first request through the proxy that carries this argument is the completion script writing the chained call
        // (the producer connects directly; polls and the partition's batch check carry ids, not arguments).
        proxy.DropReplyTo("lost-reply");
        await producer.CallAsync<ChainWork>(w => w.FirstAsync("lost-reply"));

        await Eventually.UntilAsync(() => journal.Steps.Contains("next:lost-reply"), TimeSpan.FromSeconds(15), "the chained step of the item whose completion reply was lost");
        Assert.Single(journal.Steps, s => s == "first:lost-reply");
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 5)]
    [InlineData(true, 5)]
    public async Task Entries_left_pending_behind_the_owners_reads_still_run_in_order_even_when_no_later_entry_follows(bool underOwnersName, int taken)
    {
        await using var server = await RedisServer.StartAsync();
        await using var proxy = FaultProxy.Start(server.Port);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        var journal = new BulkWork.Journal();
        void Work(IServiceCollection s) => s.AddSingleton(journal).AddSingleton<BulkWork>();
        void OnePartition(LocksmithBuilder b) => b.ConfigureQueue(BulkWork.Queue, q => q with { Partitions = 1 });
        await using var owner = await QueueTestHost.StartAsync(proxy.EndPoint, _prefix, consume: true, Work, OnePartition);
        await using var producer = await QueueTestHost.StartAsync(server.EndPoint, _prefix, consume: false, Work, OnePartition);
        await producer.CallAsync<BulkWork>(w => w.RecordAsync("k", 0));
        await Eventually.UntilAsync(() => journal.Runs.Count == 1, TimeSpan.FromSeconds(30), "the owner to run the first item");

        // The owner's requests are held for a moment (its lease outlives it) while the next entry is taken into a pending
        // list: a former owner's, by a read sent before it was cut off that reaches the server late; or the owner's own, as
        // a batch it read and could not finish (an error mid-batch) leaves it.
        var stream = $"{_prefix}q:{{{BulkWork.Queue}:0}}";
        var reader = underOwnersName ? (string)(await admin.GetDatabase().StreamConsumerInfoAsync(stream, "default")).Single().Name! : "former-owner";
        proxy.Blackhole(ProxyDirection.ToServer);
        for (var n = 1; n <= 5; n++)
        {
            var sequence = n;
            await producer.CallAsync<BulkWork>(w => w.RecordAsync("k", sequence));
        }

        // Taking all five leaves the owner's reads empty from then on: nothing later shows that entries are pending.
        var stale = await admin.GetDatabase().StreamReadGroupAsync(stream, "default", reader, ">", taken);
        Assert.Equal(taken, stale.Length);
        proxy.Heal();

        await Eventually.UntilAsync(() => journal.Runs.Count >= 6, TimeSpan.FromSeconds(15), "the owner to run the five items");
        Assert.Equal([0, 1, 2, 3, 4, 5], journal.Runs.Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_start_count_whose_reply_was_lost_counts_once_and_the_item_still_runs_with_MaxAttempts_1()
    {
        await using var server = await RedisServer.StartAsync();
        await using var proxy = FaultProxy.Start(server.Port);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        void OneAttempt(LocksmithBuilder b) => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = 1, MaxAttempts = 1 });
        await using (var producer = await QueueTestHost.StartAsync(server.EndPoint, _prefix, consume: false, configure: OneAttempt))
        {
            await producer.CallAsync<CrashWork>(w => w.ProcessAsync("customer", "item-0", blockFirstRun: false, CancellationToken.None));
        }

        // The entry id first travels to the server in the request that counts the body's start; its reply is lost.
        var stream = $"{_prefix}q:{{{CrashWork.Queue}:0}}";
        var entry = (await admin.GetDatabase().StreamRangeAsync(stream))[0].Id;
        proxy.DropReplyTo((string)entry!);
        await using var consumer = await QueueTestHost.StartAsync(proxy.EndPoint, _prefix, consume: true, configure: OneAttempt);

        var db = admin.GetDatabase();
        await Eventually.UntilAsync(
            async () => await db.ListLengthAsync(_prefix + "completed") == 1 || await db.StreamLengthAsync($"{stream}:dead:default") > 0,
            TimeSpan.FromSeconds(30),
            "the item to run or be dead-lettered");
        Assert.Equal(0, await db.StreamLengthAsync($"{stream}:dead:default"));
        Assert.Equal(1, await db.ListLengthAsync(_prefix + "completed"));
    }

    private async Task<List<string>> CompletedIdsAsync() =>
        [.. (await Db.ListRangeAsync(_prefix + "completed")).Select(v => ((string)v!).Split(':')[0]).Order(StringComparer.Ordinal)];

    /// <summary>Dead letters of every group of the queue's partition 0.</summary>
    private async Task<long> DeadLetterCountAsync(string queue)
    {
        long count = 0;
        foreach (var key in fixture.Admin.GetServer(fixture.Server.EndPoint).Keys(pattern: $"{_prefix}q:{{{queue}:0}}:dead*"))
        {
            count += await Db.StreamLengthAsync(key);
        }

        return count;
    }

    private async Task<TestProgram> StartConsumerAsync()
    {
        var consumer = TestProgram.Start("Locksmith.Redis.QueueConsumer", fixture.Server.EndPoint, _prefix, "1");
        await consumer.ExpectAsync("ready", TimeSpan.FromSeconds(30));
        return consumer;
    }
}
