using Locksmith.Chaos.Checking;
using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Tests;

/// <summary>The checker on hand-made histories: each broken invariant must fail it, and a clean history must pass.</summary>
public class HistoryCheckerTests
{
    private static CheckResult Check(HistoryBuilder builder) => new HistoryChecker().Check(builder.History);

    private static void AssertOnly(string rule, CheckResult result)
    {
        Assert.NotEmpty(result.Violations);
        Assert.All(result.Violations, v => Assert.Equal(rule, v.Rule));
    }

    [Fact]
    public void Serial_holders_with_rising_tokens_pass()
    {
        var result = Check(new HistoryBuilder()
            .Lock("L0.0#0", "a", 10, 0, 100)
            .Lock("L1.0#0", "a", 11, 150, 300)
            .Lock("L0.0#1", "a", 12, 310, 500)
            .Permit("S0.0#0", "sem", 0, 400)
            .Permit("S1.0#0", "sem", 10, 200)
            .Permit("S2.0#0", "sem", 250, 600));

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Violations));
        Assert.Equal(6, result.OperationsChecked - (3 * 3));
    }

    [Fact]
    public void Overlapping_lock_holders_fail()
    {
        // L1 acquires at 150 ms while L0's body runs until 400 ms and L0 was never told of any loss.
        AssertOnly(Rules.LockOverlap, Check(new HistoryBuilder()
            .Lock("L0.0#0", "a", 10, 0, 400)
            .Lock("L1.0#0", "a", 11, 150, 300)));
    }

    [Fact]
    public void A_holder_told_of_its_loss_before_the_next_acquisition_is_no_overlap_if_it_stopped_in_time()
    {
        var result = Check(new HistoryBuilder()
            .Lock("L0.0#0", "a", 10, 0, 180, lostMs: 120)
            .Lock("L1.0#0", "a", 11, 150, 300));

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Violations));
    }

    [Fact]
    public void A_body_running_past_its_lost_token_fails()
    {
        AssertOnly(Rules.BodyPastLost, Check(new HistoryBuilder().Lock("L0.0#0", "a", 10, 0, 900, lostMs: 300)));
    }

    [Fact]
    public void A_paused_holder_is_excused_while_frozen_but_not_after()
    {
        // Frozen from 100 to 800 ms: it noticed the loss at 805 and stopped at 850 (within 100 ms of resuming).
        var excused = Check(new HistoryBuilder()
            .Lock("L0.0#0", "a", 10, 0, 850, lostMs: 805, seen: new RegisterValue(11, "L1.0#0", "claim").ToString(), writeAccepted: false)
            .Lock("L1.0#0", "a", 11, 500, 700)
            .Paused("L0.0", 100, 800));
        Assert.True(excused.Passed, string.Join(Environment.NewLine, excused.Violations));
        Assert.Equal(1, excused.ExcusedByPause);
        Assert.Equal(1, excused.FencedOff);

        AssertOnly(Rules.BodyPastLost, Check(new HistoryBuilder()
            .Lock("L0.0#0", "a", 10, 0, 1500, lostMs: 805)
            .Paused("L0.0", 100, 800)));
    }

    [Fact]
    public void A_lower_token_accepted_after_a_higher_one_fails()
    {
        // L1 (token 11) claimed the register, then read token 10 there: the server took an older token after its own.
        var result = Check(new HistoryBuilder()
            .Lock("L1.0#0", "a", 11, 0, 100, seen: new RegisterValue(10, "L0.0#0", "write").ToString())
            .Paused("L1.0", 0, 100));
        Assert.Contains(result.Violations, v => v.Rule == Rules.RegisterOrder);
    }

    [Fact]
    public void A_final_register_older_than_an_accepted_write_fails()
    {
        var builder = new HistoryBuilder()
            .Lock("L0.0#0", "a", 10, 0, 100)
            .Lock("L1.0#0", "a", 11, 150, 300);
        builder.History.FinalRegisters["a"] = new RegisterValue(10, "L0.0#0", "write").ToString();
        AssertOnly(Rules.RegisterOrder, Check(builder));
    }

    [Fact]
    public void A_fenced_off_holder_whose_write_is_accepted_fails()
    {
        var result = Check(new HistoryBuilder()
            .Lock("L0.0#0", "a", 10, 0, 850, lostMs: 805, seen: new RegisterValue(11, "L1.0#0", "claim").ToString(), writeAccepted: true)
            .Lock("L1.0#0", "a", 11, 500, 700)
            .Paused("L0.0", 100, 800));
        Assert.Contains(result.Violations, v => v.Rule == Rules.FencedWriteAccepted);
    }

    [Fact]
    public void A_later_acquisition_with_a_lower_token_fails()
    {
        // (The register then also shows the lower token accepted after the higher one.)
        var result = Check(new HistoryBuilder()
            .Lock("L0.0#0", "a", 12, 0, 100)
            .Lock("L1.0#0", "a", 11, 150, 300));
        Assert.Contains(result.Violations, v => v.Rule == Rules.TokenOrder);
    }

    [Fact]
    public void Too_many_semaphore_holders_fail()
    {
        // Two permits, three bodies running at 20 ms, none lost, none paused.
        AssertOnly(Rules.SemaphoreOverfull, Check(new HistoryBuilder()
            .Permit("S0.0#0", "sem", 0, 400)
            .Permit("S1.0#0", "sem", 10, 400)
            .Permit("S2.0#0", "sem", 20, 400)));
    }

    [Fact]
    public void Too_many_occupants_seen_by_the_server_fail_unless_one_was_paused()
    {
        var builder = new HistoryBuilder();
        builder.History.Permits["sem"] = 2;
        builder.History.Overfull.Add(new OccupancyRecord("sem", HistoryBuilder.Us(5000), 3, ["S0.0#1", "S1.0#4", "S2.0#2"]));
        AssertOnly(Rules.ServerOverfull, Check(builder));

        builder.Paused("S1.0", 4000, 4900);
        Assert.True(Check(builder).Passed);
    }

    [Fact]
    public void A_server_count_that_includes_an_ended_body_is_excused_but_one_of_running_bodies_is_not()
    {
        // Seen in a long Redlock run: a step's reply was lost, the body ended with the error, and its entry lingered on the
        // server while the next holder (granted after the release) stepped in.
        var builder = new HistoryBuilder()
            .Permit("S0.0#1", "sem", 0, 6000)
            .Permit("S1.0#4", "sem", 100, 200)
            .Permit("S2.0#2", "sem", 4500, 6000);
        builder.History.Permits["sem"] = 2;
        builder.History.Overfull.Add(new OccupancyRecord("sem", HistoryBuilder.Us(5000), 3, ["S0.0#1", "S1.0#4", "S2.0#2"]));
        var excused = Check(builder);
        Assert.True(excused.Passed, string.Join(Environment.NewLine, excused.Violations));
        Assert.Equal(1, excused.ExcusedAsEnded);

        var running = new HistoryBuilder()
            .Permit("S0.0#1", "sem", 0, 6000)
            .Permit("S1.0#4", "sem", 100, 6000)
            .Permit("S2.0#2", "sem", 4500, 6000);
        running.History.Permits["sem"] = 2;
        running.History.Overfull.Add(new OccupancyRecord("sem", HistoryBuilder.Us(5000), 3, ["S0.0#1", "S1.0#4", "S2.0#2"]));
        Assert.Contains(Check(running).Violations, v => v.Rule == Rules.ServerOverfull);
    }

    [Fact]
    public void A_key_without_a_ttl_fails()
    {
        var builder = new HistoryBuilder().Lock("L0.0#0", "a", 10, 0, 100);
        builder.History.ImmortalKeys.Add("127.0.0.1:6379 ls:lock:{a}");
        AssertOnly(Rules.ImmortalKey, Check(builder));
    }

    [Fact]
    public void A_killed_holder_ends_at_its_kill()
    {
        var builder = new HistoryBuilder();
        builder.History.Events.Add(new ChaosEvent { Kind = EventKinds.Acquired, Client = "L0.0", Lease = "L0.0#0", Key = "a", Token = 10, At = 0, SentAt = 0 });
        builder.History.Faults.Add(new FaultRecord(FaultKind.KillClient, "L0.0", HistoryBuilder.Us(50), HistoryBuilder.Us(50)));
        builder.Lock("L1.0#0", "a", 11, 1200, 1300);
        Assert.True(Check(builder).Passed, string.Join(Environment.NewLine, Check(builder).Violations));

        // Not killed, it would have run on while the next holder had the lock.
        var alive = new HistoryBuilder();
        alive.History.Events.Add(new ChaosEvent { Kind = EventKinds.Acquired, Client = "L0.0", Lease = "L0.0#0", Key = "a", Token = 10, At = 0, SentAt = 0 });
        alive.Lock("L1.0#0", "a", 11, 1200, 1300);
        AssertOnly(Rules.LockOverlap, Check(alive));
    }
}
