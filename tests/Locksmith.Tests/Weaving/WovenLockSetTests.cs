namespace Locksmith.Tests.Weaving;

/// <summary>[DistributedLock] on several keys: a transfer locks both accounts as one.</summary>
public sealed class WovenLockSetTests
{
    [Fact]
    public async Task Woven_transfers_between_random_pairs_never_deadlock_and_conserve_the_total()
    {
        await using var context = new WovenTestContext();
        var bank = new Bank(8);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                await bank.TransferAsync(random.Next(8), random.Next(8), random.Next(1, 50));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(8 * 1_000, bank.Total);
        Assert.Equal(1, bank.MaxInsideOneAccount);
        Assert.True(bank.Transfers > 16, $"Only {bank.Transfers} transfers completed.");
    }

    [Fact]
    public async Task A_call_holding_some_of_the_keys_takes_only_the_others()
    {
        await using var context = new WovenTestContext();
        var bank = new Bank(3);

        var inner = await bank.AuditThenTransferAsync(0, 1);

        Assert.Equal(["account:0", "account:1"], inner);
        await context.AssertFreeAsync("account:0");
        await context.AssertFreeAsync("account:1");
    }

    public sealed class Bank(int accounts)
    {
        private readonly int[] _balances = [.. Enumerable.Repeat(1_000, accounts)];
        private readonly int[] _inside = new int[accounts];
        private int _maxInside;
        private int _transfers;

        public int Total => _balances.Sum();

        public int MaxInsideOneAccount => Volatile.Read(ref _maxInside);

        public int Transfers => Volatile.Read(ref _transfers);

        [DistributedLock("account:{from}", "account:{to}")]
        public async Task TransferAsync(int from, int to, int amount)
        {
            Enter(from);
            if (to != from)
            {
                Enter(to);
            }

            var (fromBalance, toBalance) = (_balances[from], _balances[to]);
            await Task.Yield();
            _balances[from] = fromBalance - amount;
            _balances[to] = (to == from ? fromBalance - amount : toBalance) + amount;
            Interlocked.Decrement(ref _inside[from]);
            if (to != from)
            {
                Interlocked.Decrement(ref _inside[to]);
            }

            Interlocked.Increment(ref _transfers);
        }

        [DistributedLock("account:{from}")]
        public async Task<string[]> AuditThenTransferAsync(int from, int to) => await LockedPairAsync(from, to);

        [DistributedLock("account:{from}", "account:{to}")]
        public Task<string[]> LockedPairAsync(int from, int to) => Task.FromResult(new[] { $"account:{from}", LockContext.Current!.Key });

        private void Enter(int account)
        {
            var now = Interlocked.Increment(ref _inside[account]);
            int seen;
            while ((seen = Volatile.Read(ref _maxInside)) < now && Interlocked.CompareExchange(ref _maxInside, now, seen) != seen)
            {
            }
        }
    }
}
