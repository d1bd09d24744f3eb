using Locksmith.Redis.Queues;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>The Redis transport's small computations: replay positions and partition shares.</summary>
public sealed class QueueArithmeticTests
{
    [Theory]
    [InlineData("1700000000000-5", "1700000000000-4")]
    [InlineData("1700000000000-0", "1699999999999-18446744073709551615")]
    [InlineData("0-0", "0-0")]
    [InlineData("1700000000000", "1699999999999-18446744073709551615")]
    public void Replay_rewinds_to_the_id_just_before_the_first_replayed_entry(string start, string before) =>
        Assert.Equal(before, RedisQueueReplay.Before(start));

    [Theory]
    [InlineData(8, 3, new[] { 3, 3, 2 })]
    [InlineData(4, 4, new[] { 1, 1, 1, 1 })]
    [InlineData(2, 3, new[] { 1, 1, 0 })]
    [InlineData(1, 1, new[] { 1 })]
    public void Shares_add_up_to_the_partitions_and_differ_by_at_most_one(int partitions, int consumers, int[] expected)
    {
        var members = Enumerable.Range(0, consumers).Select(i => $"c{i}").ToList();

        Assert.Equal(expected, members.Select(m => RedisQueueConsumer.Share(partitions, members, m)));
    }
}
