using System.Diagnostics;
using Xunit;

namespace Locksmith.Conformance;

/// <summary>Several keys locked as one (<see cref="ILockProvider.AcquireAllAsync"/>). Subclass once per backend.</summary>
public abstract class LockSetConformanceTests : ConformanceTestBase
{
    [Fact]
    public async Task Transfers_between_random_pairs_of_accounts_never_deadlock_and_conserve_the_total()
    {
        var clients = new[] { await ConnectAsync(), await ConnectAsync(), await ConnectAsync(), await ConnectAsync() };
        var accounts = Enumerable.Range(0, 8).Select(i => $"{Key()}:account:{i}").ToArray();
        var balances = accounts.ToDictionary(a => a, _ => 1_000);
        var inside = accounts.ToDictionary(a => a, _ => 0);
        var overlaps = 0;
        var transfers = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var options = new LockOptions { WaitTimeout = Patience };

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var from = accounts[random.Next(accounts.Length)];
                var to = accounts[random.Next(accounts.Length)];
                // Half the callers name the pair the other way round: the set's one order is what prevents deadlock.
                await using var held = await clients[worker % clients.Length].Locks.AcquireAllAsync(worker % 2 == 0 ? [from, to] : [to, from], options);
                foreach (var key in held.Keys)
                {
                    lock (inside)
                    {
                        if (++inside[key] > 1)
                        {
                            overlaps++;
                        }
                    }
                }

                var amount = random.Next(1, 50);
                var (fromBalance, toBalance) = (balances[from], balances[to]);
                await Task.Yield();
                lock (balances)
                {
                    balances[from] = fromBalance - amount;
                    balances[to] = (from == to ? fromBalance - amount : toBalance) + amount;
                }

                foreach (var key in held.Keys)
                {
                    lock (inside)
                    {
                        inside[key]--;
                    }
                }

                Interlocked.Increment(ref transfers);
            }
        }))).WaitAsync(Patience * 3);

        Assert.Equal(0, overlaps);
        Assert.Equal(8 * 1_000, balances.Values.Sum());
        Assert.True(transfers > 16, $"Only {transfers} transfers completed.");
    }

    [Fact]
    public async Task A_busy_member_times_out_the_whole_set_and_gives_back_what_it_took()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var (first, second) = (Key() + ":a", Key() + ":b");
        await using var blocker = await a.Locks.AcquireAsync(second);

        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<LockTimeoutException>(() =>
            b.Locks.AcquireAllAsync([second, first], new LockOptions { WaitTimeout = TimeSpan.FromMilliseconds(300) }).AsTask());

        Assert.Equal(second, ex.Key);
        Assert.True(watch.Elapsed < Patience, $"The set waited {watch.Elapsed} with a 300 ms budget.");
        await using var free = await a.Locks.TryAcquireAsync(first);
        Assert.NotNull(free);
    }

    [Fact]
    public async Task A_set_names_each_key_once_in_order_with_its_token_and_is_lost_when_a_member_is()
    {
        var client = await ConnectAsync();
        var (x, y) = (Key() + ":x", Key() + ":y");

        await using var set = await client.Locks.AcquireAllAsync([y, x, y], new LockOptions { Fencing = true, Ttl = Backend.ShortTtl });

        Assert.Equal([x, y], set.Keys);
        Assert.True(set.FencingToken(x) > 0 && set.FencingToken(y) > 0);
        Assert.Throws<KeyNotFoundException>(() => set.FencingToken("elsewhere"));
        Assert.True(set.TimeLeft > TimeSpan.Zero);

        await Backend.RevokeAsync(set.Leases[1]);
        await WaitForAsync("the set's LostToken after one member was revoked", set.LostToken);
        Assert.True(set.IsLost);
    }

    [Fact]
    public async Task Disposing_the_set_releases_every_member()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        var keys = new[] { Key() + ":1", Key() + ":2", Key() + ":3" };
        var set = await a.Locks.AcquireAllAsync(keys);
        Assert.Null(await b.Locks.TryAcquireAsync(keys[2]));

        await set.DisposeAsync();

        await using var again = await b.Locks.AcquireAllAsync(keys, new LockOptions { WaitTimeout = TimeSpan.Zero });
        Assert.Equal(3, again.Leases.Count);
    }
}
