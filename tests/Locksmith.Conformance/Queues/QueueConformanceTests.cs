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
        await Eventually.UntilAsync(() => (dead = Backend.DeadLettersAsync("cf-poison", 1).AsTask().GetAwaiter().GetResult()).Count == 1, Patience, "the dead letter");

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
        await Eventually.UntilAsync(() => Backend.DeadLettersAsync("cf-flaky", 1).AsTask().GetAwaiter().GetResult().Count == 1, Patience, "the dead letter");

        Journal.Failing = false;
        var moved = await consumer.Runtime.QueueTransportFor("cf-flaky").RedriveDeadLettersAsync("cf-flaky", consumer.Runtime.QueueOptionsFor("cf-flaky"), CancellationToken.None);

        Assert.Equal(1, moved);
        await Eventually.UntilAsync(() => Journal.Of("flaky").Any(r => r.Sequence == 1), Patience, "the redriven item to succeed");
        Assert.Empty(await Backend.DeadLettersAsync("cf-flaky", 1));
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
        await Eventually.UntilAsync(() => Backend.DeadLettersAsync("cf-chain", 1).AsTask().GetAwaiter().GetResult().Count == 1, Patience, "the failed step's dead letter");
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

    /// <summary>Starts a simulated process that is stopped after the test.</summary>
    protected async Task<QueueProcess> StartAsync(bool consume)
    {
        var process = await Backend.StartProcessAsync(Journal, consume);
        _processes.Add(process);
        return process;
    }
}
