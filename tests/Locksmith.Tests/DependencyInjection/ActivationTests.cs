using Locksmith.Tests.Weaving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Locksmith.Tests.DependencyInjection;

[Collection(GlobalRuntimeCollection.Name)]
public sealed class ActivationTests
{
    [Fact]
    public async Task Calling_a_woven_method_before_activation_says_what_to_call()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new StockService().ReserveAsync("x", 1));

        Assert.Contains("services.AddLocksmith", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ActivateLocksmith()", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StockService.ReserveAsync", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivateLocksmith_makes_woven_methods_work_without_a_host_until_disposed()
    {
        var services = new ServiceCollection().AddLocksmith();
        await using var provider = services.BuildServiceProvider();

        using (provider.ActivateLocksmith())
        {
            Assert.Equal(2, await new StockService().ReserveAsync("a", 2));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => new StockService().ReserveAsync("a", 2));
    }

    [Fact]
    public async Task Starting_the_host_activates_Locksmith_and_stopping_it_deactivates()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLocksmith(b => b.UseInMemory());
        using var host = builder.Build();

        await host.StartAsync();
        Assert.Equal(3, await new StockService().ReserveAsync("h", 3));
        await host.StopAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new StockService().ReserveAsync("h", 3));
    }

    [Fact]
    public async Task Invalid_defaults_stop_the_host_from_starting_with_a_message_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLocksmith(b => b.ConfigureDefaults(o => o.Locks = o.Locks with { Ttl = TimeSpan.Zero }));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LocksmithOptions.Locks.Ttl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("positive and finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_defaults_fail_ActivateLocksmith_too()
    {
        var services = new ServiceCollection().AddLocksmith(b => b.ConfigureDefaults(
            o => o.Semaphores = o.Semaphores with { RenewInterval = TimeSpan.FromMinutes(5) }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.ActivateLocksmith());

        Assert.Contains("LocksmithOptions.Semaphores.RenewInterval", ex.Message, StringComparison.Ordinal);
    }
}
