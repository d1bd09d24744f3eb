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

    private static Locksmith.Leasing.RenewalLoop GetLoop(InMemoryLockProvider provider) =>
        ((Locksmith.Leasing.LeaseClient)typeof(InMemoryLockProvider)
            .GetField("_client", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(provider)!).Renewals;
}
