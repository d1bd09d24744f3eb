using System.Text;
using Locksmith.Queues;
using Locksmith.Testing;
using Xunit;

namespace Locksmith.Conformance.Queues;

/// <summary>
/// The queue semantics every transport must keep: stored before the call returns, run once, in order per partition
/// key, results and failures delivered back, poison items dead-lettered, chained calls published with the
/// acknowledgement or not at all, duplicates skipped, replay.
/// </summary>
public abstract class QueueConformanceTests : IAsyncLifetime
{
    private readonly List<QueueProcess> _processes = [];

    /// <summary>The transport under test, created once per test.</summary>
    protected QueueConformanceBackend Backend { get; private set; } = null!;

    /// <summary>What this test's bodies did.</summary>
    protected QueueJournal Journal { get; } = new();

    /// <summary>A generous bound, so a loaded CI machine does not fail a correct transport.</summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(20);

    /// <summary>Creates the transport under test.</summary>
    protected abstract ValueTask<QueueConformanceBackend> CreateBackendAsync();

    /// <inheritdoc />
    public async Task InitializeAsync() => Backend = await CreateBackendAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await Backend.DisposeAsync();
    }

    [Fact]
    public async Task A_call_returns_once_stored_and_a_consumer_started_later_runs_the_body_with_its_arguments()
    {
        var producer = await StartAsync(consume: false);
        await producer.CallAsync(p => p.WorkAsync("alpha", 7, CancellationToken.None));
        await Task.Delay(300);
        Assert.Empty(Journal.Runs);

        await StartAsync(consume: true);
        await Eventually.UntilAsync(() => Journal.Runs.Count == 1, Patience, "the consumer to run the stored item");
        Assert.Equal(new QueueRun("work", "alpha", 7), Journal.Runs[0]);
    }

    [Fact]
    public async Task Items_run_once_each_and_in_order_per_partition_key_across_two_consumers()
    {
        await StartAsync(consume: true);
        await StartAsync(consume: true);
        var producer = await StartAsync(consume: false);
        string[] keys = ["k1", "k2", "k3", "k4", "k5"];
        for (var sequence = 0; sequence < 40; sequence++)
        {
            await producer.CallAsync(p => Task.WhenAll(keys.Select(k => p.WorkAsync(k, sequence, CancellationToken.None))));
        }

        await Eventually.UntilAsync(() => Journal.Of("work").Count >= 200, Patience, "all 200 items");
        await Task.Delay(200);
        var runs = Journal.Of("work");
        Assert.Equal(200, runs.Count);
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, 40), runs.Where(r => r.Key == key).Select(r => r.Sequence));
        }
    }

    [Fact]
    public async Task AwaitResult_returns_the_value_the_consumer_computed()
    {
        await StartAsync(consume: true);
        var producer = await StartAsync(consume: false);

        var receipt = await producer.CallAsync(p => p.AddAsync(20, 22));

        Assert.Equal(new Receipt(42, "20+22"), receipt);
    }

    [Fact]
    public async Task AwaitResult_throws_the_consumers_exception_type_and_message_after_its_attempts()
    {
        await StartAsync(consume: true);
        var producer = await StartAsync(consume: false);

        var failure = await Assert.ThrowsAsync<QueuedCallFailedException>(() => producer.CallAsync(p => p.FailAsync("out of stock")));

        Assert.Equal(typeof(InvalidOperationException).FullName, failure.RemoteExceptionType);
        Assert.Equal("out of stock", failure.Error.Message);
        Assert.Equal(2, failure.Error.Attempts);
        Assert.Equal(2, Journal.Of("fail").Count);
    }

    [Fact]
    public async Task A_poison_item_goes_to_the_dead_letters_with_its_error_after_MaxAttempts()
    {
        await StartAsync(consume: true);
        await StartAsync(consume: false).ContinueWith(t => t.Result.CallAsync(p => p.PoisonAsync("p-1"))).Unwrap();

        IReadOnlyList<QueueDeadLetter> dead = [];
        await Eventually.UntilAsync(() => (dead = Backend.DeadLettersAsync("cf-poison", 1, QueueConformanceBackend.DefaultGroup).AsTask().GetAwaiter().GetResult()).Count == 1, Patience, "the dead letter");

        Assert.Equal(3, Journal.Of("poison").Count);
        Assert.Equal(typeof(FormatException).FullName, dead[0].ErrorType);
        Assert.Equal("cannot parse p-1", dead[0].Error);
        Assert.Equal(3, dead[0].Attempts);
    }

    [Fact]
    public async Task Redriven_dead_letters_run_again_once_the_cause_is_fixed()
    {
        var consumer = await StartAsync(consume: true);
        Journal.Failing = true;
        await consumer.CallAsync(p => p.FlakyAsync("f-1"));
        await Eventually.UntilAsync(() => Backend.DeadLettersAsync("cf-flaky", 1, QueueConformanceBackend.DefaultGroup).AsTask().GetAwaiter().GetResult().Count == 1, Patience, "the dead letter");

        Journal.Failing = false;
        var moved = await consumer.Runtime.QueueTransportFor("cf-flaky").RedriveDeadLettersAsync("cf-flaky", consumer.Runtime.QueueOptionsFor("cf-flaky"), CancellationToken.None);

        Assert.Equal(1, moved);
        await Eventually.UntilAsync(() => Journal.Of("flaky").Any(r => r.Sequence == 1), Patience, "the redriven item to succeed");
        Assert.Empty(await Backend.DeadLettersAsync("cf-flaky", 1, QueueConformanceBackend.DefaultGroup));
        Assert.Equal([0, 0, 1], Journal.Of("flaky").Select(r => r.Sequence));
        var items = Journal.Items.ToList();
        Assert.Single(items.Select(i => i.Id).Distinct());
        Assert.Equal([1, 2, 1], items.Select(i => i.Attempt));
        Assert.All(items, i => Assert.Equal("cf-flaky", i.Queue));
        Assert.Null(QueuedItem.Current);
    }

    [Fact]
    public async Task A_call_made_by_a_body_is_published_when_the_body_completes_and_never_when_it_fails()
    {
        await StartAsync(consume: true);
        var producer = await StartAsync(consume: false);

        await producer.CallAsync(p => p.ChainAsync("ok", fail: false));
        await producer.CallAsync(p => p.ChainAsync("broken", fail: true));

        await Eventually.UntilAsync(() => Journal.Of("next").Any(r => r.Key == "ok"), Patience, "the chained step");
        await Eventually.UntilAsync(() => Backend.DeadLettersAsync("cf-chain", 1, QueueConformanceBackend.DefaultGroup).AsTask().GetAwaiter().GetResult().Count == 1, Patience, "the failed step's dead letter");
        await Task.Delay(500);
        Assert.Single(Journal.Of("next"), r => r.Key == "ok");
        Assert.DoesNotContain(Journal.Of("next"), r => r.Key == "broken");
        Assert.Equal(2, Journal.Of("chain").Count(r => r.Key == "broken"));
    }

    [Fact]
    public async Task A_copy_of_a_completed_item_is_skipped()
    {
        var consumer = await StartAsync(consume: true);
        var method = QueuedMethodRegistry.Methods.Single(m => m.MethodName == nameof(QueueProbe.WorkAsync) && m.DeclaringType == typeof(QueueProbe));
        var options = consumer.Runtime.QueueOptionsFor("cf-work");
        var message = new QueueMessage(QueueMessage.NewId(), "cf-work", method.Id, Encoding.UTF8.GetBytes("[\"dup\",1,null]"), "dup", false);

        var transport = consumer.Runtime.QueueTransportFor("cf-work");
        await transport.EnqueueAsync(message, options, CancellationToken.None);
        await Eventually.UntilAsync(() => Journal.Runs.Count == 1, Patience, "the first copy");
        await transport.EnqueueAsync(message, options, CancellationToken.None);
        await consumer.CallAsync(p => p.WorkAsync("dup", 2, CancellationToken.None));
        await Eventually.UntilAsync(() => Journal.Runs.Count >= 2, Patience, "the item after the copy");
        await Task.Delay(200);

        Assert.Equal([1, 2], Journal.Of("work").Select(r => r.Sequence));
    }

    [Fact]
    public async Task Replay_from_a_time_runs_the_items_enqueued_since_again()
    {
        var consumer = await StartAsync(consume: true);
        await consumer.CallAsync(p => p.WorkAsync("old", 1, CancellationToken.None));
        await Eventually.UntilAsync(() => Journal.Runs.Count == 1, Patience, "the old item");
        await Task.Delay(50);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await consumer.CallAsync(p => p.WorkAsync("new", 2, CancellationToken.None));
        await Eventually.UntilAsync(() => Journal.Runs.Count == 2, Patience, "the new item");

        await consumer.Runtime.QueueTransportFor("cf-work").ReplayAsync("cf-work", consumer.Runtime.QueueOptionsFor("cf-work"), QueuePosition.FromTime(since), CancellationToken.None);

        await Eventually.UntilAsync(() => Journal.Runs.Count == 3, Patience, "the replayed item");
        await Task.Delay(300);
        Assert.Equal(["old", "new", "new"], Journal.Of("work").Select(r => r.Key));
    }

    [Fact]
    public async Task Every_group_runs_every_item_once_even_a_group_that_starts_after_another_has_finished()
    {
        var billing = new QueueJournal();
        var shipping = new QueueJournal();
        var producer = await StartAsync(consume: false);
        await StartAsync(consume: true, "billing", billing);
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            await producer.CallAsync(p => p.WorkAsync($"key-{n % 3}", n, CancellationToken.None));
        }

        await Eventually.UntilAsync(() => billing.Of("work").Count == 20, Patience, "group billing to run all 20 items");
        await StartAsync(consume: true, "shipping", shipping);
        await Eventually.UntilAsync(() => shipping.Of("work").Count >= 20, Patience, $"group shipping to run all 20 items (it ran {shipping.Of("work").Count})");
        await Task.Delay(300);

        Assert.Equal(Enumerable.Range(0, 20), billing.Of("work").Select(r => r.Sequence).Order());
        Assert.Equal(Enumerable.Range(0, 20), shipping.Of("work").Select(r => r.Sequence).Order());
    }

    [Fact]
    public async Task Replaying_one_group_runs_its_items_again_and_changes_nothing_for_another_group()
    {
        var billing = new QueueJournal();
        var shipping = new QueueJournal();
        var billingConsumer = await StartAsync(consume: true, "billing", billing);
        await StartAsync(consume: true, "shipping", shipping);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++)
        {
            var n = i;
            await billingConsumer.CallAsync(p => p.WorkAsync("k", n, CancellationToken.None));
        }

        await Eventually.UntilAsync(() => billing.Of("work").Count == 5 && shipping.Of("work").Count == 5, Patience, "both groups to run the 5 items");

        await billingConsumer.Runtime.QueueTransportFor("cf-work").ReplayAsync("cf-work", billingConsumer.Runtime.QueueOptionsFor("cf-work") with { Group = "billing" }, QueuePosition.FromTime(since), CancellationToken.None);

        await Eventually.UntilAsync(() => billing.Of("work").Count == 10, Patience, "group billing to run the replayed items");
        await Task.Delay(500);
        Assert.Equal([0, 1, 2, 3, 4, 0, 1, 2, 3, 4], billing.Of("work").Select(r => r.Sequence));
        Assert.Equal([0, 1, 2, 3, 4], shipping.Of("work").Select(r => r.Sequence));
    }

    [Fact]
    public async Task Redriving_one_groups_dead_letters_runs_them_for_that_group_only()
    {
        var billing = new QueueJournal { Failing = true };
        var shipping = new QueueJournal();
        var billingConsumer = await StartAsync(consume: true, "billing", billing);
        await StartAsync(consume: true, "shipping", shipping);
        await billingConsumer.CallAsync(p => p.FlakyAsync("f-1"));

        await Eventually.UntilAsync(() => Backend.DeadLettersAsync("cf-flaky", 1, "billing").AsTask().GetAwaiter().GetResult().Count == 1, Patience, "group billing's dead letter");
        await Eventually.UntilAsync(() => shipping.Of("flaky").Count == 1, Patience, "group shipping to run the item");
        Assert.Empty(await Backend.DeadLettersAsync("cf-flaky", 1, "shipping"));

        billing.Failing = false;
        var moved = await billingConsumer.Runtime.QueueTransportFor("cf-flaky").RedriveDeadLettersAsync("cf-flaky", billingConsumer.Runtime.QueueOptionsFor("cf-flaky") with { Group = "billing" }, CancellationToken.None);

        Assert.Equal(1, moved);
        await Eventually.UntilAsync(() => billing.Of("flaky").Any(r => r.Sequence == 1), Patience, "the redriven item to succeed in group billing");
        await Task.Delay(500);
        Assert.Equal([0, 0, 1], billing.Of("flaky").Select(r => r.Sequence));
        Assert.Equal([1], shipping.Of("flaky").Select(r => r.Sequence));
        Assert.Empty(await Backend.DeadLettersAsync("cf-flaky", 1, "billing"));
    }

    /// <summary>Starts a simulated process that is stopped after the test.</summary>
    protected async Task<QueueProcess> StartAsync(bool consume, string? group = null, QueueJournal? journal = null)
    {
        var process = await Backend.StartProcessAsync(journal ?? Journal, consume, group);
        _processes.Add(process);
        return process;
    }
}
