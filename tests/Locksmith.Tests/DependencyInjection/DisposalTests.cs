using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Tests.DependencyInjection;

/// <summary>The in-memory container disposes synchronously as well as asynchronously, with a lease still held.</summary>
public sealed class DisposalTests
{
    [Fact]
    public Task The_in_memory_backend_disposes_both_ways() =>
        ContainerDisposal.AssertBothWaysAsync(
            services => services.AddLocksmith(b => b.UseInMemory().AddQueueConsumers()),
            async provider => _ = await provider.GetRequiredService<ILockProvider>().AcquireAsync("dispose"));
}
