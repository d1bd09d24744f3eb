using Locksmith.Redis.QueueConsumer;
using Locksmith.Redis.Tests.Faults;
using Locksmith.Testing;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>Real consumer processes (tests/Locksmith.Redis.QueueConsumer) killed with SIGKILL or stopped with SIGTERM.</summary>
[Collection(TimingSensitive.Name)]
public sealed class QueueCrashTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"crash{Guid.NewGuid().ToString("N")[..6]}:";

    private IDatabase Db => fixture.Admin.GetDatabase();

    [Fact]
    public async Task An_item_whose_consumer_is_killed_mid_body_is_completed_exactly_once_by_another_consumer()
    {
        await using var first = await StartConsumerAsync(partitions: 1);
        await using var producer = await ProducerAsync(partitions: 1);
        await producer.CallAsync<CrashWork>(w => w.ProcessAsync("customer-1", "item-1", blockFirstRun: true, CancellationToken.None));
        await first.ExpectAsync("blocking item-1", TimeSpan.FromSeconds(20));

        first.Kill();
        await using var second = await StartConsumerAsync(partitions: 1);

        await Eventually.UntilAsync(async () => (await Db.ListRangeAsync(_prefix + "completed")).Length > 0, TimeSpan.FromSeconds(30), "the second consumer to complete the item");
        await Task.Delay(1000);
        var completed = (await Db.ListRangeAsync(_prefix + "completed")).Select(v => (string)v!).ToList();
        var started = (await Db.ListRangeAsync(_prefix + "started")).Select(v => (string)v!).ToList();
        Assert.Equal([$"item-1:customer-1:{second.Id}"], completed);
        Assert.Equal([$"item-1:{first.Id}", $"item-1:{second.Id}"], started);
        var pending = await Db.StreamPendingAsync($"{_prefix}q:{{{CrashWork.Queue}:0}}", "default");
        Assert.Equal(0, pending.PendingMessageCount);
    }

    [Fact]
    public async Task An_item_waiting_for_a_concurrency_slot_when_its_consumer_is_killed_has_no_start_counted_and_still_runs_with_MaxAttempts_1()
    {
        // Two partitions, one body at a time: the blocker holds the only slot, and the waiter's partition waits for it.
        var keys = Enumerable.Range(0, 64).Select(i => $"customer-{i}").ToList();
        var blockerKey = keys.First(k => Locksmith.Queues.QueuePartitioner.For(k, 2) == 0);
        var waiterKey = keys.First(k => Locksmith.Queues.QueuePartitioner.For(k, 2) == 1);
        var waiterPartition = $"{_prefix}q:{{{CrashWork.NarrowQueue}:1}}";
        await using (var first = await StartConsumerAsync(partitions: 2))
        {
            await using (var producer = await QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: b => b.ConfigureQueue(CrashWork.NarrowQueue, q => q with { Partitions = 2 })))
            {
                await producer.CallAsync<CrashWork>(w => w.NarrowAsync(blockerKey, "blocker", blockFirstRun: true, CancellationToken.None));
                await first.ExpectAsync("blocking blocker", TimeSpan.FromSeconds(20));
                await producer.CallAsync<CrashWork>(w => w.NarrowAsync(waiterKey, "waiter", blockFirstRun: false, CancellationToken.None));
            }

            await Eventually.UntilAsync(async () => (await Db.StreamPendingAsync(waiterPartition, "default")).PendingMessageCount == 1, TimeSpan.FromSeconds(20), "the waiter's partition to read it");
            await Task.Delay(500);
            first.Kill();
        }

        // The blocker started and its consumer died under it: with one attempt it is dead-lettered, as documented. The
        // waiter never started, so it must run.
        await using var second = await StartConsumerAsync(partitions: 2);
        await Eventually.UntilAsync(
            async () => (await Db.ListRangeAsync(_prefix + "completed")).Any(c => ((string)c!).StartsWith("waiter:", StringComparison.Ordinal))
                || await Db.StreamLengthAsync(waiterPartition + ":dead:default") > 0,
            TimeSpan.FromSeconds(30),
            "the next consumer to run or dead-letter the waiter");
        Assert.Equal(0, await Db.StreamLengthAsync(waiterPartition + ":dead:default"));
        Assert.Equal(1, (await Db.ListRangeAsync(_prefix + "started")).Count(s => ((string)s!).StartsWith("waiter:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Partitions_move_to_a_joining_consumer_and_back_to_the_others_when_one_stops()
    {
        await using var first = await StartConsumerAsync(partitions: 4);
        for (var i = 0; i < 4; i++)
        {
            await first.ExpectAsync("took partition", TimeSpan.FromSeconds(20));
        }

        await using var second = await StartConsumerAsync(partitions: 4);
        for (var i = 0; i < 2; i++)
        {
            await first.ExpectAsync("gave up partition", TimeSpan.FromSeconds(20));
            await second.ExpectAsync("took partition", TimeSpan.FromSeconds(20));
        }

        await first.TerminateAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 2; i++)
        {
            await second.ExpectAsync("took partition", TimeSpan.FromSeconds(20));
        }

        await using var producer = await ProducerAsync(partitions: 4);
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            await producer.CallAsync<CrashWork>(w => w.ProcessAsync($"customer-{n}", $"item-{n}", blockFirstRun: false, CancellationToken.None));
        }

        await Eventually.UntilAsync(async () => (await Db.ListLengthAsync(_prefix + "completed")) == 20, TimeSpan.FromSeconds(30), "the remaining consumer to run all 20 items");
        var completed = (await Db.ListRangeAsync(_prefix + "completed")).Select(v => (string)v!).ToList();
        Assert.All(completed, c => Assert.EndsWith($":{second.Id}", c));
    }

    [Fact]
    public async Task An_item_that_kills_every_consumer_running_it_is_dead_lettered_once_its_starts_pass_MaxAttempts()
    {
        await using var producer = await ProducerAsync(partitions: 1);
        await producer.CallAsync<CrashWork>(w => w.CrashAsync("poison-1"));
        var victims = new List<TestProgram>();
        try
        {
            for (var run = 1; run <= 2; run++)
            {
                var victim = await StartConsumerAsync(partitions: 1);
                victims.Add(victim);
                await victim.ExpectAsync("crashing on poison-1", TimeSpan.FromSeconds(30));
                await victim.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }

            await using var survivor = await StartConsumerAsync(partitions: 1);
            var dead = new Locksmith.Redis.Layout.RedisKeyLayout(_prefix).Queue("crash-poison").DeadLetters(0, "default");
            await Eventually.UntilAsync(async () => await Db.StreamLengthAsync(dead) == 1, TimeSpan.FromSeconds(30), "the poison item's dead letter");

            var letter = (await Db.StreamRangeAsync(dead))[0];
            string Field(string name) => letter.Values.First(v => v.Name == name).Value!;
            Assert.Equal("2", Field("attempts"));
            Assert.Contains("started 2 time(s) without finishing", Field("error"), StringComparison.Ordinal);
            Assert.Equal(2, await Db.ListLengthAsync(_prefix + "started"));
            Assert.False(survivor.HasExited);
        }
        finally
        {
            foreach (var victim in victims)
            {
                await victim.DisposeAsync();
            }
        }
    }

    private async Task<TestProgram> StartConsumerAsync(int partitions)
    {
        var consumer = TestProgram.Start("Locksmith.Redis.QueueConsumer", fixture.Server.EndPoint, _prefix, partitions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await consumer.ExpectAsync("ready", TimeSpan.FromSeconds(30));
        return consumer;
    }

    private Task<QueueTestHost> ProducerAsync(int partitions) =>
        QueueTestHost.StartAsync(fixture.Server.EndPoint, _prefix, consume: false, configure: b => b.ConfigureQueue(CrashWork.Queue, q => q with { Partitions = partitions }));
}
