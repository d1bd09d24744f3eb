namespace Locksmith.Tests.Weaving;

/// <summary>LockContext: the body of a woven method reads the lease it runs under.</summary>
public sealed class WovenLockContextTests
{
    [Fact]
    public async Task A_body_reads_its_key_fencing_token_and_time_left_and_nothing_outside()
    {
        await using var context = new WovenTestContext();
        Assert.Null(LockContext.Current);

        var seen = await new Ledger().PostAsync("a");

        Assert.Equal("ledger:a", seen.Key);
        Assert.True(seen.FencingToken > 0, "The fenced lock's token was not readable in the body.");
        Assert.InRange(seen.TimeLeft, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));
        Assert.Null(LockContext.Current);
        Assert.Equal(TimeSpan.Zero, seen.Lease.TimeLeft);
        Assert.False(seen.Lease.LostToken.IsCancellationRequested);
    }

    [Fact]
    public async Task A_nested_lock_is_current_inside_it_and_the_outer_lock_again_after_it()
    {
        await using var context = new WovenTestContext();
        var ledger = new Ledger();

        var outer = await ledger.PostAsync("a", () => ledger.PostAsync("b"));

        Assert.Equal("ledger:b", outer.Inner?.Key);
        Assert.Equal("ledger:a", outer.KeyAfterInner);
        Assert.True(outer.Inner!.FencingToken > 0);
    }

    [Fact]
    public async Task A_semaphore_body_reads_its_permit_and_no_lock()
    {
        await using var context = new WovenTestContext();

        var (permit, lease) = await new Ledger().PrintAsync();

        Assert.Equal("printers", permit?.Key);
        Assert.Null(lease);
    }

    public sealed record Seen(string Key, long FencingToken, TimeSpan TimeLeft, string? KeyAfterInner, Seen? Inner, ILockLease Lease);

    public sealed class Ledger
    {
        [DistributedLock("ledger:{account}", Fencing = true, Ttl = "5s")]
        public async Task<Seen> PostAsync(string account, Func<Task<Seen>>? inner = null)
        {
            var lease = LockContext.Current!;
            var (token, left) = (lease.FencingToken, lease.TimeLeft);
            var nested = inner is null ? null : await inner();
            return new Seen(lease.Key, token, left, LockContext.Current?.Key, nested, lease);
        }

        [Semaphore(2, Key = "printers")]
        public Task<(ISemaphorePermit? Permit, ILockLease? Lease)> PrintAsync() =>
            Task.FromResult((LockContext.CurrentPermit, LockContext.Current));
    }
}
