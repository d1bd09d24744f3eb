using Microsoft.Extensions.DependencyInjection;

namespace Locksmith;

/// <summary>Activation for applications that build a service provider without a host.</summary>
public static class LocksmithServiceProviderExtensions
{
    /// <summary>
    /// Validates the Locksmith configuration and makes this container's runtime the one woven methods use.
    /// Hosted applications do not need it: the host activates Locksmith when it starts.
    /// </summary>
    /// <param name="services">A provider built from a collection on which <c>AddLocksmith</c> was called.</param>
    /// <returns>The activated runtime; dispose it to deactivate.</returns>
    public static LocksmithRuntime ActivateLocksmith(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var runtime = services.GetService<LocksmithRuntime>()
            ?? throw new InvalidOperationException("Locksmith is not registered in this container: call services.AddLocksmith(...) before BuildServiceProvider().");
        runtime.Activate();
        return runtime;
    }
}
