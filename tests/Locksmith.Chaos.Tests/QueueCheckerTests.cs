using Locksmith.Chaos.Checking;
using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Tests;

/// <summary>The queue checker on hand-made histories: each broken promise must fail it, and what the promises allow must pass.</summary>
public class QueueCheckerTests
{
    private static CheckResult Check(QueueHistoryBuilder builder) => QueueChecker.Check(builder.History).Check;

    private static void AssertPasses(QueueHistoryBuilder builder)
    {
        var result = Check(builder);
        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Violations));
    }

    private static void AssertOnly(string rule, QueueHistoryBuilder builder, int count = 1)
    {
        var result = Check(builder);
        Assert.Equal(count, result.Violations.Count);
        Assert.All(result.Violations, v => Assert.Equal(rule, v.Rule));
    }

    /// <summary>Two items of one key, each completed once in both groups, in order.</summary>
    private static QueueHistoryBuilder Clean() => new QueueHistoryBuilder()
        .Enqueued("k0/1").Enqueued("k0/2", atMs: 1)
        .Completed("k0/1", "g1", 10).Completed("k0/2", "g1", 40)
        .Completed("k0/1", "g2", 12, client: "Q1.0").Completed("k0/2", "g2", 45, client: "Q1.0");

    [Fact]
    public void Every_item_completed_once_per_group_in_order_passes()
    {
        AssertPasses(Clean());
        var result = QueueChecker.Check(Clean().History);
        Assert.Equal(4, result.Completions);
        Assert.Equal(2 + 4 + 4, result.Check.OperationsChecked);
    }

    [Fact]
    public void A_body_run_again_after_a_crash_before_its_completion_passes()
    {
        // Q0.0 ran k0/1 and was killed before completing it; Q2.0 ran it again and completed it: one chained call.
        AssertPasses(new QueueHistoryBuilder()
            .Enqueued("k0/1")
            .Ran("k0/1", "g1", 10)
            .Ran("k0/1", "g1", 3000, attempt: 2, client: "Q2.0").Chained("k0/1", "g1", "c1", 3050)
            .Completed("k0/1", "g2", 20, client: "Q1.0"));
    }

    [Fact]
    public void The_same_chained_call_delivered_twice_counts_once()
    {
        // A relay repeated after a crash may deliver the chained item again; its id is the same, so it is one publication.
        AssertPasses(new QueueHistoryBuilder()
            .Enqueued("k0/1")
            .Completed("k0/1", "g1", 10).Chained("k0/1", "g1", "chain-k0/1-g1", 900)
            .Completed("k0/1", "g2", 20));
    }

    [Fact]
    public void An_acknowledged_item_a_group_never_completed_fails()
    {
        // The second group skipped it (as when completion records are shared by every group).
        AssertOnly(Rules.QueueLost, new QueueHistoryBuilder()
            .Enqueued("k0/1")
            .Completed("k0/1", "g1", 10)
            .Ran("k0/1", "g2", 30));
    }

    [Fact]
    public void An_unacknowledged_enqueue_that_never_ran_may_be_missing_but_once_run_it_must_complete_everywhere()
    {
        AssertPasses(new QueueHistoryBuilder().Enqueued("k0/1", acknowledged: false));

        AssertOnly(Rules.QueueLost, new QueueHistoryBuilder()
            .Enqueued("k0/1", acknowledged: false)
            .Completed("k0/1", "g1", 10));
    }

    [Fact]
    public void An_item_completed_twice_in_a_group_fails()
    {
        // Two different chained calls: the completion (and its publication) happened twice.
        AssertOnly(Rules.QueueDuplicated, new QueueHistoryBuilder()
            .Enqueued("k0/1")
            .Completed("k0/1", "g1", 10)
            .Ran("k0/1", "g1", 500, client: "Q2.0").Chained("k0/1", "g1", "another", 520)
            .Completed("k0/1", "g2", 20));
    }

    [Fact]
    public void On_the_kafka_mock_an_item_seen_completed_twice_is_counted_not_judged()
    {
        var builder = new QueueHistoryBuilder { UncommittedRecordsVisible = true }
            .Enqueued("k0/1")
            .Completed("k0/1", "g1", 10)
            .Ran("k0/1", "g1", 3_000, client: "Q2.0").Chained("k0/1", "g1", "another", 3_020)
            .Completed("k0/1", "g2", 20, client: "Q1.0");

        var result = QueueChecker.Check(builder.History);

        Assert.Empty(result.Check.Violations);
        Assert.Equal(1, result.Check.ExcusedAsUncommitted);
    }

    [Fact]
    public void A_chained_call_of_an_always_failing_body_fails()
    {
        AssertOnly(Rules.QueueChainOfFailure, new QueueHistoryBuilder()
            .Enqueued("k0/1", QueueBehaviours.Poison)
            .Ran("k0/1", "g1", 10, 1, result: "error:InvalidOperationException").Ran("k0/1", "g1", 20, 2, result: "error:InvalidOperationException")
            .Ran("k0/1", "g1", 30, 3, result: "error:InvalidOperationException").Chained("k0/1", "g1", "leak", 40)
            .Ran("k0/1", "g2", 10, 1).Ran("k0/1", "g2", 20, 2).Ran("k0/1", "g2", 30, 3)
            .DeadLettered("k0/1", "g2", 35));
    }

    [Fact]
    public void An_always_failing_item_dead_lettered_after_MaxAttempts_starts_passes_and_one_never_dead_lettered_fails()
    {
        var builder = new QueueHistoryBuilder()
            .Enqueued("k0/1", QueueBehaviours.Poison)
            .Ran("k0/1", "g1", 10, 1).Ran("k0/1", "g1", 20, 2).Ran("k0/1", "g1", 30, 3).DeadLettered("k0/1", "g1", 35)
            .Ran("k0/1", "g2", 10, 1).Ran("k0/1", "g2", 20, 2).Ran("k0/1", "g2", 30, 3).DeadLettered("k0/1", "g2", 35);
        AssertPasses(builder);
        Assert.Equal(2, QueueChecker.Check(builder.History).DeadLetters);

        AssertOnly(Rules.QueueLost, new QueueHistoryBuilder()
            .Enqueued("k0/1", QueueBehaviours.Poison)
            .Ran("k0/1", "g1", 10, 1).Ran("k0/1", "g1", 20, 2).Ran("k0/1", "g1", 30, 3).DeadLettered("k0/1", "g1", 35)
            .Ran("k0/1", "g2", 10, 1));
    }

    [Fact]
    public void A_dead_letter_after_fewer_body_starts_than_MaxAttempts_fails()
    {
        // Counted from deliveries: twice delivered to a consumer that stopped before starting it, once started.
        AssertOnly(Rules.QueueEarlyDeadLetter, new QueueHistoryBuilder()
            .Enqueued("k0/1", QueueBehaviours.Poison)
            .Ran("k0/1", "g1", 10, 3).DeadLettered("k0/1", "g1", 35)
            .Ran("k0/1", "g2", 10, 1).Ran("k0/1", "g2", 20, 2).Ran("k0/1", "g2", 30, 3).DeadLettered("k0/1", "g2", 35));
    }

    [Fact]
    public void A_dead_letter_of_an_item_that_never_started_fails_as_early_and_lost()
    {
        var result = Check(new QueueHistoryBuilder()
            .Enqueued("k0/1")
            .Completed("k0/1", "g1", 10)
            .DeadLettered("k9/9", "g2", 35));
        Assert.Contains(result.Violations, v => v.Rule == Rules.QueueEarlyDeadLetter && v.Text.Contains("never started", StringComparison.Ordinal));
        Assert.Contains(result.Violations, v => v.Rule == Rules.QueueLost);
    }

    [Fact]
    public void A_dead_letter_of_a_chained_item_is_judged_by_its_own_runs()
    {
        var builder = Clean();
        builder.History.Events.Add(new QueueEvent
        {
            Kind = QueueEventKinds.DeadLettered, Client = "Q1.0", Queue = QueueChaosSettings.ChainQueue, ItemId = "chain-k0/1-g1",
            Group = QueueChaosSettings.ChainGroup, Attempt = 3,
        });
        AssertOnly(Rules.QueueEarlyDeadLetter, builder);
    }

    [Fact]
    public void An_item_completed_and_dead_lettered_in_one_group_fails()
    {
        // A frozen consumer finished an item the next owner had already dead-lettered.
        AssertOnly(Rules.QueueCompletedAndDead, new QueueHistoryBuilder()
            .Enqueued("k0/1")
            .Ran("k0/1", "g1", 10, 1, client: "Q0.0")
            .Ran("k0/1", "g1", 3000, 2, client: "Q2.0").Ran("k0/1", "g1", 3100, 3, client: "Q2.0").DeadLettered("k0/1", "g1", 3200)
            .Chained("k0/1", "g1", "late", 4000)
            .Completed("k0/1", "g2", 20));
    }

    [Fact]
    public void An_item_first_started_after_a_later_item_of_its_key_fails()
    {
        AssertOnly(Rules.QueueOrder, new QueueHistoryBuilder()
            .Enqueued("k0/1").Enqueued("k0/2", atMs: 1)
            .Completed("k0/2", "g1", 10).Completed("k0/1", "g1", 40)
            .Completed("k0/1", "g2", 12).Completed("k0/2", "g2", 45));
    }

    [Fact]
    public void A_retry_of_an_item_after_a_later_one_started_is_in_order()
    {
        // Kafka: k0/1's body finished but its commit was lost with the consumer; the new owner runs k0/1 again after
        // the old one had started k0/2. Different keys never constrain each other.
        AssertPasses(new QueueHistoryBuilder()
            .Enqueued("k0/1").Enqueued("k0/2", atMs: 1).Enqueued("k1/1", atMs: 2)
            .Ran("k0/1", "g1", 10).Ran("k0/2", "g1", 20)
            .Ran("k1/1", "g1", 25).Chained("k1/1", "g1", "c-k1", 30)
            .Ran("k0/1", "g1", 3000, client: "Q2.0").Chained("k0/1", "g1", "c1", 3010)
            .Ran("k0/2", "g1", 3020, client: "Q2.0").Chained("k0/2", "g1", "c2", 3030)
            .Completed("k0/1", "g2", 12).Completed("k0/2", "g2", 45).Completed("k1/1", "g2", 50));
    }
}
