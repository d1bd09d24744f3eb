using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Testing;

/// <summary>
/// Disposing a container the two ways users do: <c>using var sp = services.BuildServiceProvider()</c> (synchronous) and
/// <c>await using</c>. Every service registered is resolved first, so every singleton Locksmith registers exists and is
/// disposed by the container; neither way may throw.
/// </summary>
public static class ContainerDisposal
{
    public static async Task AssertBothWaysAsync(Action<IServiceCollection> register, Func<IServiceProvider, Task> use)
    {
        foreach (var synchronous in new[] { true, false })
        {
            var services = new ServiceCollection();
            register(services);
            var provider = services.BuildServiceProvider();
            foreach (var descriptor in services.Where(d => !d.ServiceType.IsGenericTypeDefinition))
            {
                _ = descriptor.IsKeyedService
                    ? provider.GetKeyedServices(descriptor.ServiceType, descriptor.ServiceKey).ToList()
                    : provider.GetServices(descriptor.ServiceType).ToList();
            }

            await use(provider);
            var how = synchronous ? "Dispose()" : "DisposeAsync()";
            var failure = synchronous
                ? Record(provider.Dispose)
                : await RecordAsync(() => provider.DisposeAsync().AsTask());
            if (failure is not null)
            {
                throw new InvalidOperationException($"The container threw from {how}: {failure.Message}", failure);
            }
        }
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task<Exception?> RecordAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
