using Locksmith.Kafka.Internal;

namespace Locksmith.Kafka.Tests;

public sealed class OffsetTrackerTests
{
    [Fact]
    public void A_record_completed_before_an_earlier_one_is_held_back_until_the_earlier_completes()
    {
        var offsets = new OffsetTracker();
        offsets.Delivered(10);
        offsets.Delivered(11);
        offsets.Delivered(12);

        offsets.Complete(11);
        offsets.Complete(12);
        Assert.Null(offsets.Uncommitted);

        offsets.Complete(10);
        Assert.Equal(13, offsets.Uncommitted);
        Assert.Equal(0, offsets.Pending);
    }

    [Fact]
    public void Gaps_left_by_transaction_markers_do_not_hold_the_commit_back()
    {
        var offsets = new OffsetTracker();
        offsets.Delivered(3);
        offsets.Delivered(7);
        offsets.Complete(3);
        Assert.Equal(4, offsets.Uncommitted);

        offsets.MarkCommitted(4);
        Assert.Null(offsets.Uncommitted);
        offsets.Complete(7);
        Assert.Equal(8, offsets.Uncommitted);
    }

    [Fact]
    public void Completing_a_record_never_delivered_here_changes_nothing()
    {
        var offsets = new OffsetTracker();
        offsets.Delivered(1);
        Assert.False(offsets.Complete(5));
        Assert.Null(offsets.Uncommitted);
        Assert.Throws<InvalidOperationException>(() => offsets.Delivered(1));
    }

    [Fact]
    public void A_backlog_larger_than_its_first_capacity_completed_in_random_order_commits_only_contiguous_runs()
    {
        // Deliveries and completions interleave so the records in flight wrap around and outgrow the tracker's storage;
        // a plain model (the run of completed records from the oldest delivered) says what is committable after every step.
        var random = new Random(17);
        var offsets = new OffsetTracker();
        var delivered = new List<long>();
        var open = new List<long>();
        var completed = new HashSet<long>();
        var run = 0;
        long? expected = null;
        for (var step = 0; step < 5_000; step++)
        {
            if (open.Count < 300 && (open.Count == 0 || random.Next(3) > 0))
            {
                var offset = (delivered.Count == 0 ? 0 : delivered[^1]) + 1 + random.Next(3);
                offsets.Delivered(offset);
                delivered.Add(offset);
                open.Add(offset);
                continue;
            }

            var done = open[random.Next(open.Count)];
            Assert.True(offsets.Complete(done));
            Assert.False(offsets.Complete(done));
            open.Remove(done);
            completed.Add(done);
            while (run < delivered.Count && completed.Contains(delivered[run]))
            {
                expected = delivered[run] + 1;
                run++;
            }

            Assert.Equal(expected, offsets.Uncommitted);
            Assert.Equal(delivered.Count - run, offsets.Pending);
        }
    }
}
