using Locksmith.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Tests.Leasing;

public sealed class RenewalLoopTests
{
    [Fact]
    public async Task Released_leases_do_not_pile_up_in_the_renewal_queue()
    {
        await using var provider = new ServiceCollection().AddLocksmith().BuildServiceProvider();
        var locks = provider.GetRequiredService<InMemoryLockProvider>();
        var loop = GetLoop(locks);

        for (var i = 0; i < 5_000; i++)
        {
            await using var lease = await locks.AcquireAsync("churn");
        }

        Assert.True(loop.Count < 2_100, $"{loop.Count} entries remain for 0 held leases.");
    }

    [Fact]
    public async Task Thousands_of_held_leases_are_all_renewed_by_one_loop()
    {
        await using var provider = new ServiceCollection().AddLocksmith().BuildServiceProvider();
        var locks = provider.GetRequiredService<InMemoryLockProvider>();
        var options = new LockOptions { Ttl = TimeSpan.FromMilliseconds(900) };
        var leases = new List<ILockLease>();
        for (var i = 0; i < 2_000; i++)
        {
            leases.Add(await locks.AcquireAsync($"many:{i}", options));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.All(leases, lease => Assert.False(lease.IsLost, $"{lease.Key} was lost"));
        foreach (var lease in leases)
        {
            await lease.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lease_longer_than_a_timer_accepts_does_not_stop_the_loop_renewing_the_others(bool renew)
    {
        await using var provider = new ServiceCollection().AddLocksmith().BuildServiceProvider();
        var locks = provider.GetRequiredService<InMemoryLockProvider>();
        await (await locks.AcquireAsync("sixty-days", new LockOptions { Ttl = TimeSpan.FromDays(60), Renew = renew })).DisposeAsync();

        // Let the loop go to sleep until the long lease is due before the short one arrives.
        await Task.Delay(100);

        await using var lease = await locks.AcquireAsync("short", new LockOptions { Ttl = TimeSpan.FromMilliseconds(600) });
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.False(lease.IsLost);
        Assert.Null(await locks.TryAcquireAsync("short"));
    }

    [Fact]
    public async Task A_wait_longer_than_a_timer_accepts_is_served_and_leaves_no_waiter_behind()
    {
        await using var provider = new ServiceCollection().AddLocksmith().BuildServiceProvider();
        var locks = provider.GetRequiredService<InMemoryLockProvider>();
        var held = await locks.AcquireAsync("long-wait");
        var waiting = locks.AcquireAsync("long-wait", new LockOptions { WaitTimeout = TimeSpan.FromDays(60) }).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, waiting.Exception?.ToString());

        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        await using var next = await locks.TryAcquireAsync("long-wait");
        Assert.NotNull(next);
    }

    private static Locksmith.Leasing.RenewalLoop GetLoop(InMemoryLockProvider provider) => provider.Client.Renewals;
}
