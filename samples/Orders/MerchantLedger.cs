using System.Diagnostics;
using Locksmith;

namespace Orders;

/// <summary>
/// Money moving between merchant accounts, two accounts locked as one, and refunds through an API that allows a fixed
/// number of calls per window across every instance.
/// </summary>
public sealed class MerchantLedger(int accounts)
{
    public const int RefundsPerWindow = 10;

    private readonly int[] _balances = [.. Enumerable.Repeat(1_000, accounts)];
    private int _refunds;

    public int Total => _balances.Sum();

    /// <summary>Both accounts locked as one: no deadlock when two transfers go opposite ways, no lost update.</summary>
    [DistributedLock("account:{from}", "account:{to}", WaitTimeout = "30s")]
    public async Task TransferAsync(int from, int to, int amount)
    {
        var (fromBalance, toBalance) = (_balances[from], _balances[to]);
        await Task.Yield();
        _balances[from] = fromBalance - amount;
        _balances[to] = (to == from ? fromBalance - amount : toBalance) + amount;
    }

    /// <summary>The payment provider's refund API allows 10 calls per half second: callers wait for the retry-after.</summary>
    [RateLimit("refund-api", Permits = RefundsPerWindow, Per = "500ms", WaitTimeout = "10s")]
    public Task RefundAsync()
    {
        Interlocked.Increment(ref _refunds);
        return Task.CompletedTask;
    }

    /// <summary>
    /// 16 workers transfer between the accounts in random pairs for half a second, then 25 refunds go out; true when the
    /// total is conserved and the refunds took the windows the limit requires.
    /// </summary>
    public static async Task<bool> RunAsync()
    {
        var ledger = new MerchantLedger(8);
        var transfers = 0;
        using (var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
            {
                var random = new Random(worker);
                while (!stop.IsCancellationRequested)
                {
                    await ledger.TransferAsync(random.Next(8), random.Next(8), random.Next(1, 50));
                    Interlocked.Increment(ref transfers);
                }
            })));
        }

        const int Refunds = 25;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Refunds).Select(_ => ledger.RefundAsync()));
        var took = watch.Elapsed;

        // 25 refunds at 10 per 500 ms need at least three windows: two waits of (nearly) a window each.
        var paced = took >= TimeSpan.FromMilliseconds(900) && ledger._refunds == Refunds;
        Console.WriteLine("With [DistributedLock(\"account:{from}\", \"account:{to}\")] and [RateLimit(\"refund-api\", Permits = 10, Per = \"500ms\")]");
        Console.WriteLine($"  {transfers} transfers between 8 accounts in random pairs: total {ledger.Total} (should be {8 * 1_000})");
        Console.WriteLine($"  {ledger._refunds} refunds took {took.TotalMilliseconds:0} ms (at least ~1000 ms at 10 per 500 ms)");
        Console.WriteLine();
        return ledger.Total == 8 * 1_000 && transfers > 0 && paced;
    }
}
