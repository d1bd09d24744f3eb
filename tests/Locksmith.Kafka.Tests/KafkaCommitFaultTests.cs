using Confluent.Kafka;
using Locksmith.Testing;
using static Locksmith.Kafka.Tests.KafkaMockFaults;

namespace Locksmith.Kafka.Tests;

/// <summary>
/// Issue 17: queued calls keep their promises when committing fails. Faults come from librdkafka's mock cluster (errors
/// injected into the brokers' answers) where it can produce them, else from the transport's internal test hooks.
/// </summary>
public sealed class KafkaCommitFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private static readonly string[] Keys = [.. Enumerable.Range(0, 16).Select(i => $"key-{i}")];
    private readonly KafkaMockCluster _cluster = KafkaMockCluster.Start();
    private readonly KafkaJournal _journal = new();
    private readonly List<KafkaTestHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _journal.Block = false;
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _cluster.Dispose();
    }

    [Fact]
    public async Task A_failed_commit_on_revocation_publishes_none_of_the_revoked_partitions_chained_calls()
    {
        // Every transaction of A fails before writing anything until the test says otherwise, so its chained calls are
        // still waiting when B joins and A's final commit for the partitions it gives up fails too.
        var failing = 1;
        var a = await StartAsync("A", ["k-chain", "k-chain-next"], k => k.BeforeTransaction = _ =>
        {
            if (Volatile.Read(ref failing) == 1)
            {
                throw new InvalidOperationException("injected: the transaction fails before it begins");
            }
        });
        await a.CallAsync(w => Task.WhenAll(Keys.Select(w.ChainAsync)));
        await Eventually.UntilAsync(() => _journal.Of("chain").Count == Keys.Length, Patience, "A to run every chain body");
        Assert.Empty(_journal.Of("next"));

        await StartAsync("B", "k-chain", "k-chain-next");
        await Eventually.UntilAsync(() => _journal.Of("chain").Any(r => r.Process == "B"), Patience, "B to take partitions from A and run their items again");
        Volatile.Write(ref failing, 0);

        await Eventually.UntilAsync(() => _journal.Of("next").Select(r => r.Key).Distinct().Count() == Keys.Length, Patience, "every key's next step");
        await Task.Delay(1500);
        var revoked = _journal.Of("chain").Where(r => r.Process == "B").Select(r => r.Key).ToHashSet();
        Assert.NotEmpty(revoked);
        Assert.All(Keys, key => Assert.True(
            _journal.Of("next").Count(r => r.Key == key) == 1,
            $"{key} (partition {(revoked.Contains(key) ? "revoked from A" : "kept by A")}) ran its next step {_journal.Of("next").Count(r => r.Key == key)} times"));
    }

    [Fact]
    public async Task A_retriable_commit_error_is_retried_and_the_consumer_commits_again_afterwards()
    {
        var consumer = await StartAsync("A", ["k-chain", "k-chain-next"], k => k.TransactionCallTimeout = TimeSpan.FromMilliseconds(500));

        // The coordinator answers "loading" (COORDINATOR_LOAD_IN_PROGRESS, 14) for a few seconds: librdkafka retries EndTxn by itself meanwhile, and the
        // commit call returns a retriable timeout, after which librdkafka accepts only the commit again.
        Push(_cluster, Request.EndTxn, ErrorCode.GroupLoadInProgress, 8);
        await consumer.CallAsync(w => w.ChainAsync("r-1"));
        await Eventually.UntilAsync(() => _journal.Of("next").Count == 1, Patience, "r-1's next step");

        await consumer.CallAsync(w => w.ChainAsync("r-2"));
        await Eventually.UntilAsync(() => _journal.Of("next").Count == 2, Patience, "r-2's next step, committed after the retried commit");
        await Eventually.UntilAsync(() => AllCommitted("k-chain"), Patience, "k-chain's offsets committed to its end");
        await Task.Delay(1000);
        Assert.Equal(["r-1", "r-2"], _journal.Of("chain").Select(r => r.Key).Order());
        Assert.Equal(["r-1", "r-2"], _journal.Of("next").Select(r => r.Key).Order());
    }

    [Fact]
    public async Task A_commit_error_that_requires_an_abort_aborts_and_commits_the_items_in_a_new_transaction()
    {
        var consumer = await StartAsync("A", "k-chain", "k-chain-next");

        Push(_cluster, Request.EndTxn, ErrorCode.TransactionCoordinatorFenced, 1);
        await consumer.CallAsync(w => w.ChainAsync("t-1"));
        await Eventually.UntilAsync(() => AllCommitted("k-chain"), Patience, "k-chain's offsets committed to its end");
        await consumer.CallAsync(w => w.ChainAsync("t-2"));
        await Eventually.UntilAsync(() => _journal.Of("next").Count >= 2, Patience, "both next steps");
        await Task.Delay(1000);

        // The aborted attempt's chained record is visible on the mock and has the committed one's id, so it runs once.
        Assert.Equal(["t-1", "t-2"], _journal.Of("chain").Select(r => r.Key).Order());
        Assert.Equal(["t-1", "t-2"], _journal.Of("next").Select(r => r.Key).Order());
    }

    [Fact]
    public async Task A_fenced_producer_restarts_the_session_with_a_new_producer_and_the_item_runs_again_with_its_chained_call_once()
    {
        var consumer = await StartAsync("A", "k-gated-chain", "k-chain-next");
        await consumer.CallAsync(w => w.GatedChainAsync("f-1", CancellationToken.None));

        // The body waits at the gate; its transaction's first write is then refused as coming from a fenced producer.
        Push(_cluster, Request.Produce, ErrorCode.InvalidProducerEpoch, 1);
        _journal.Gate.SetResult();

        await Eventually.UntilAsync(() => _journal.Of("gated-chain").Count == 2, Patience, "the item to run again in a new session");
        await consumer.CallAsync(w => w.GatedChainAsync("f-2", CancellationToken.None));
        await Eventually.UntilAsync(() => _journal.Of("next").Count >= 2, Patience, "both next steps");
        await Eventually.UntilAsync(() => AllCommitted("k-gated-chain"), Patience, "k-gated-chain's offsets committed to its end");
        await Task.Delay(1000);
        Assert.Equal(["f-1", "f-1", "f-2"], _journal.Of("gated-chain").Select(r => r.Key).Order());
        Assert.Equal(["f-1", "f-2"], _journal.Of("next").Select(r => r.Key).Order());
    }

    [Fact]
    public async Task Revocation_stops_every_revoked_partition_against_one_deadline_not_one_after_another()
    {
        _journal.Block = true;
        var a = await StartAsync("A", "k-slow");
        await a.CallAsync(w => Task.WhenAll(Keys.Select(k => w.SlowAsync(k, CancellationToken.None))));
        await Eventually.UntilAsync(() => _journal.Of("slow-start").Select(r => r.Partition).Distinct().Count() == 4, Patience, "A to run a body on each of the 4 partitions");

        await StartAsync("B", "k-slow");
        await Eventually.UntilAsync(() => _journal.Of("slow-cancelled").Count(r => r.Process == "A") >= 2, Patience, "A to give up two partitions");
        await Task.Delay(2000);

        // Each revoked partition's body gets the same grace (1.5 s here) from the same moment, so they are cancelled together.
        var cancelled = _journal.Of("slow-cancelled").Where(r => r.Process == "A").ToList();
        Assert.Equal(2, cancelled.Count);
        var spread = TimeProvider.System.GetElapsedTime(cancelled.Min(r => r.At), cancelled.Max(r => r.At));
        Assert.True(spread < TimeSpan.FromMilliseconds(750), $"the revoked partitions' bodies were cancelled {spread.TotalMilliseconds:F0} ms apart");
    }

    [Fact]
    public async Task Stopping_a_consumer_with_four_busy_partitions_takes_one_grace_period_not_four()
    {
        _journal.Block = true;
        var a = await StartAsync("A", "k-slow");
        await a.CallAsync(w => Task.WhenAll(Keys.Select(k => w.SlowAsync(k, CancellationToken.None))));
        await Eventually.UntilAsync(() => _journal.Of("slow-start").Select(r => r.Partition).Distinct().Count() == 4, Patience, "A to run a body on each of the 4 partitions");

        var started = TimeProvider.System.GetTimestamp();
        await a.DisposeAsync();
        var took = TimeProvider.System.GetElapsedTime(started);

        var cancelled = _journal.Of("slow-cancelled");
        Assert.Equal(4, cancelled.Count);
        var spread = TimeProvider.System.GetElapsedTime(cancelled.Min(r => r.At), cancelled.Max(r => r.At));
        Assert.True(spread < TimeSpan.FromMilliseconds(750), $"the bodies were cancelled {spread.TotalMilliseconds:F0} ms apart");
        Assert.True(took < TimeSpan.FromSeconds(4), $"stopping took {took.TotalSeconds:F1} s with a grace period of 1.5 s");
    }

    /// <summary>Whether the queue's group has committed every partition of its topic to the partition's end.</summary>
    private bool AllCommitted(string queue)
    {
        var topic = $"locksmith.{queue}";
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = $"{topic}.default",
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).Build();
        var partitions = Enumerable.Range(0, 4).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = reader.Committed(partitions, TimeSpan.FromSeconds(5));
        return partitions.All(p =>
        {
            var end = reader.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(5)).High.Value;
            var at = committed.Single(c => c.Partition == p.Partition).Offset.Value;
            return end == 0 || at == end;
        });
    }

    private Task<KafkaTestHost> StartAsync(string name, params string[] consume) => StartAsync(name, consume, null);

    private async Task<KafkaTestHost> StartAsync(string name, string[] consume, Action<KafkaQueueOptions>? kafka)
    {
        var host = await KafkaTestHost.StartAsync(_cluster, _journal, name, consume, kafka);
        _hosts.Add(host);
        return host;
    }
}
