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
}
