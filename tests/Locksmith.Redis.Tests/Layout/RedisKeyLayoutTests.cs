using Locksmith.Redis.Layout;

namespace Locksmith.Redis.Tests.Layout;

/// <summary>Every key and channel the layout formats reads back as what it was made from, and the names stay the ones already in servers.</summary>
public sealed class RedisKeyLayoutTests
{
    private static readonly RedisKeyLayout Layout = new(RedisKeyLayout.DefaultPrefix);

    /// <summary>Rows of (key, <see cref="RedisKeyName"/>), the name boxed because the type is internal.</summary>
    public static TheoryData<string, object> EveryKey()
    {
        var queue = Layout.Queue("orders:eu");
        return new TheoryData<string, object>
        {
            { Layout.Lock("order:42"), new RedisKeyName(RedisKeyKind.Lock, "order:42") },
            { Layout.Fence("order:42"), new RedisKeyName(RedisKeyKind.Fence, "order:42") },
            { Layout.Semaphore("pool"), new RedisKeyName(RedisKeyKind.Semaphore, "pool") },
            { Layout.SemaphoreQueue("pool"), new RedisKeyName(RedisKeyKind.SemaphoreQueue, "pool") },
            { Layout.SemaphoreWaiters("pool"), new RedisKeyName(RedisKeyKind.SemaphoreWaiters, "pool") },
            { Layout.SemaphoreTickets("pool"), new RedisKeyName(RedisKeyKind.SemaphoreTickets, "pool") },
            { Layout.Leader("billing-sweeper"), new RedisKeyName(RedisKeyKind.Leader, "billing-sweeper") },
            { Layout.ReaderWriter("catalog:7").Readers, new RedisKeyName(RedisKeyKind.ReaderWriterReaders, "catalog:7") },
            { Layout.ReaderWriter("catalog:7").Writer, new RedisKeyName(RedisKeyKind.ReaderWriterWriter, "catalog:7") },
            { Layout.ReaderWriter("catalog:7").Intent, new RedisKeyName(RedisKeyKind.ReaderWriterIntent, "catalog:7") },
            { Layout.ReaderWriter("catalog:7").Upgrader, new RedisKeyName(RedisKeyKind.ReaderWriterUpgrader, "catalog:7") },
            { Layout.RateLimit("geo-api:acme", RateLimitAlgorithm.TokenBucket), new RedisKeyName(RedisKeyKind.RateLimitBucket, "geo-api:acme") },
            { Layout.RateLimit("geo-api:acme", RateLimitAlgorithm.SlidingWindow), new RedisKeyName(RedisKeyKind.RateLimitWindow, "geo-api:acme") },
            { Layout.ReleaseChannel(Layout.Lock("order:42")), new RedisKeyName(RedisKeyKind.ReleaseChannel, Layout.Lock("order:42")) },
            { Layout.ReleaseChannel(Layout.Semaphore("pool")), new RedisKeyName(RedisKeyKind.ReleaseChannel, Layout.Semaphore("pool")) },
            { queue.Stream(3), new RedisKeyName(RedisKeyKind.QueueStream, "orders:eu", 3) },
            { queue.Relayed(3), new RedisKeyName(RedisKeyKind.QueueRelayed, "orders:eu", 3) },
            { queue.Reply(3, "item-7"), new RedisKeyName(RedisKeyKind.QueueReply, "orders:eu", 3, Item: "item-7") },
            { queue.WakeChannel(3), new RedisKeyName(RedisKeyKind.QueueWakeChannel, "orders:eu", 3) },
            { queue.ReplyChannel(3), new RedisKeyName(RedisKeyKind.QueueReplyChannel, "orders:eu", 3) },
            { queue.DeadLetters(3, "billing"), new RedisKeyName(RedisKeyKind.QueueDeadLetters, "orders:eu", 3, "billing") },
            { queue.Finished(3, "billing"), new RedisKeyName(RedisKeyKind.QueueFinished, "orders:eu", 3, "billing") },
            { queue.Starts(3, "billing"), new RedisKeyName(RedisKeyKind.QueueStarts, "orders:eu", 3, "billing") },
            { queue.Outbox(3, "billing"), new RedisKeyName(RedisKeyKind.QueueOutbox, "orders:eu", 3, "billing") },
            { queue.PartitionCount, new RedisKeyName(RedisKeyKind.QueuePartitionCount, "orders:eu") },
            { queue.Members("billing"), new RedisKeyName(RedisKeyKind.QueueMembers, "orders:eu", Group: "billing") },
        };
    }

    [Theory]
    [MemberData(nameof(EveryKey))]
    public void A_formatted_key_parses_back_to_its_kind_name_partition_and_group(string key, object expected) =>
        Assert.Equal(expected, Layout.Parse(key));

    [Fact]
    public void Every_kind_is_formatted_by_the_round_trip_cases() =>
        Assert.Equal(
            Enum.GetValues<RedisKeyKind>().Order(),
            EveryKey().Select(row => ((RedisKeyName)row[1]).Kind).Distinct().Order());

    [Fact]
    public void The_names_are_the_ones_servers_already_hold()
    {
        var queue = Layout.Queue("orders");
        Assert.Equal(
            [
                "ls:lock:{order:42}", "ls:fence:{order:42}", "ls:sem:{pool}", "ls:semq:{pool}", "ls:semw:{pool}", "ls:semt:{pool}",
                "ls:released:ls:lock:{order:42}", "ls:q:{orders:3}", "ls:q:{orders:3}:relayed", "ls:q:{orders:3}:r:item-7",
                "ls:q:{orders:3}:wake", "ls:q:{orders:3}:replies", "ls:q:{orders:3}:dead:default", "ls:q:{orders:3}:done:default",
                "ls:q:{orders:3}:starts:default", "ls:q:{orders:3}:out:default", "ls:qmeta:{orders}:partitions",
                "ls:qmembers:{orders/default}", "queue/orders/default/3",
                "ls:rwr:{catalog:7}", "ls:rww:{catalog:7}", "ls:rwi:{catalog:7}", "ls:rwu:{catalog:7}", "ls:fence:{catalog:7}",
                "ls:rlb:{geo:acme}", "ls:rlw:{geo:acme}", "ls:leader:{billing-sweeper}",
            ],
            [
                Layout.Lock("order:42"), Layout.Fence("order:42"), Layout.Semaphore("pool"), Layout.SemaphoreQueue("pool"),
                Layout.SemaphoreWaiters("pool"), Layout.SemaphoreTickets("pool"), Layout.ReleaseChannel(Layout.Lock("order:42")),
                queue.Stream(3), queue.Relayed(3), queue.Reply(3, "item-7"), queue.WakeChannel(3), queue.ReplyChannel(3),
                queue.DeadLetters(3, "default"), queue.Finished(3, "default"), queue.Starts(3, "default"), queue.Outbox(3, "default"),
                queue.PartitionCount, queue.Members("default"), queue.PartitionLease("default", 3),
                Layout.ReaderWriter("catalog:7").Readers, Layout.ReaderWriter("catalog:7").Writer, Layout.ReaderWriter("catalog:7").Intent,
                Layout.ReaderWriter("catalog:7").Upgrader, Layout.ReaderWriter("catalog:7").Fence,
                Layout.RateLimit("geo:acme", RateLimitAlgorithm.TokenBucket), Layout.RateLimit("geo:acme", RateLimitAlgorithm.SlidingWindow),
                Layout.Leader("billing-sweeper"),
            ]);
    }

    [Theory]
    [InlineData("billing/eu")]
    [InlineData("a/b/c")]
    [InlineData("/")]
    public void A_group_with_slashes_reads_back_whole_from_the_membership_key(string group) =>
        Assert.Equal(new RedisKeyName(RedisKeyKind.QueueMembers, "orders:eu", Group: group), Layout.Parse(Layout.Queue("orders:eu").Members(group)));

    [Theory]
    [InlineData("other:lock:{x}")]
    [InlineData("ls:lock:x")]
    [InlineData("ls:unknown:{x}")]
    [InlineData("ls:q:{orders}")]
    [InlineData("ls:q:{orders:3}:unknown")]
    [InlineData("ls:qmembers:{orders}")]
    public void A_key_the_layout_does_not_write_parses_to_nothing(string key) => Assert.Null(Layout.Parse(key));

    [Fact]
    public void Another_prefix_is_kept_apart_and_globbed_literally()
    {
        var layout = new RedisKeyLayout("app[1]*:");
        Assert.Equal(new RedisKeyName(RedisKeyKind.Lock, "job"), layout.Parse("app[1]*:lock:{job}"));
        Assert.Null(layout.Parse(Layout.Lock("job")));
        Assert.Equal(@"app\[1\]\*:*", layout.Pattern);
        Assert.Equal(@"app\[1\]\*:released:*", layout.ReleaseChannelPattern);
    }
}
