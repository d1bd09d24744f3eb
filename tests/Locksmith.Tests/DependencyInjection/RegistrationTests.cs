using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Tests.DependencyInjection;

public sealed class RegistrationTests
{
    [Fact]
    public void AddLocksmith_without_a_backend_uses_the_in_memory_one()
    {
        using var provider = new ServiceCollection().AddLocksmith().BuildServiceProvider();

        Assert.IsType<InMemory.InMemoryLockProvider>(provider.GetRequiredService<ILockProvider>());
        Assert.Same(provider.GetRequiredService<ILockProvider>(), provider.GetRequiredService<ISemaphoreProvider>());
    }

    [Fact]
    public void AddLocksmith_twice_registers_once()
    {
        var services = new ServiceCollection().AddLocksmith().AddLocksmith(b => b.UseInMemory());

        Assert.Single(services, d => d.ServiceType == typeof(ILockProvider));
        Assert.Single(services, d => d.ServiceType == typeof(LocksmithRuntime));
    }

    [Fact]
    public void Choosing_two_backends_fails_saying_which_are_in_conflict()
    {
        var services = new ServiceCollection().AddLocksmith(b => b.UseInMemory());

        var ex = Assert.Throws<InvalidOperationException>(() => services.AddLocksmith(b => b.UseBackend("redis", _ => { })));

        Assert.Contains("in-memory", ex.Message, StringComparison.Ordinal);
        Assert.Contains("redis", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_defaults_apply_to_calls_without_options()
    {
        await using var provider = new ServiceCollection()
            .AddLocksmith(b => b.ConfigureDefaults(o => o.Locks = o.Locks with { Fencing = true }))
            .BuildServiceProvider();
        var locks = provider.GetRequiredService<ILockProvider>();

        await using var lease = await locks.AcquireAsync("defaults");

        Assert.Equal(1, lease.FencingToken);
    }

    [Fact]
    public async Task The_TimeProvider_from_the_container_drives_expiry()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var provider = new ServiceCollection().AddSingleton<TimeProvider>(time).AddLocksmith().BuildServiceProvider();
        var locks = provider.GetRequiredService<ILockProvider>();
        await using var lease = await locks.AcquireAsync("fake-time", new LockOptions { Ttl = TimeSpan.FromMinutes(1), Renew = false });

        var waiter = locks.AcquireAsync("fake-time", new LockOptions { WaitTimeout = TimeSpan.FromHours(1) }).AsTask();
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(waiter.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        await using var next = await waiter.WaitAsync(TimeSpan.FromSeconds(10));

        // The loss is noticed by the renewal loop on its own thread; its timer may have been armed just after the
        // advance above, so keep the fake clock moving as real time would.
        await Eventually.UntilAsync(
            () =>
            {
                if (lease.IsLost)
                {
                    return true;
                }

                time.Advance(TimeSpan.FromSeconds(1));
                return false;
            },
            TimeSpan.FromSeconds(10),
            "the renewal loop to report the lease lost",
            TimeSpan.FromMilliseconds(10));
    }
}
