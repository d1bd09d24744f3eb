using Locksmith.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Locksmith in a service collection.</summary>
public static class LocksmithServiceCollectionExtensions
{
    /// <summary>
    /// Adds Locksmith: the providers of the chosen backend (in-memory when none is chosen), <see cref="Locksmith.IRateLimiterProvider"/>
    /// over the backend's rate-limit store, validated defaults, and the runtime that woven methods use, activated when the
    /// host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Chooses the backend and defaults, for example <c>b => b.UseInMemory()</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLocksmith(this IServiceCollection services, Action<Locksmith.LocksmithBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var marker = services.FirstOrDefault(d => d.ServiceType == typeof(LocksmithRegistration))?.ImplementationInstance as LocksmithRegistration;
        if (marker is null)
        {
            marker = new LocksmithRegistration(new Locksmith.LocksmithBuilder(services));
            services.AddSingleton(marker);
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<Locksmith.LocksmithOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Locksmith.LocksmithOptions>, LocksmithOptionsValidator>());
            var builder = marker.Builder;
            services.TryAddSingleton(sp => new Locksmith.LocksmithRuntime(
                sp,
                builder.Backend ?? Locksmith.LocksmithBuilder.InMemoryBackendName,
                sp.GetRequiredService<Locksmith.ILockProvider>(),
                sp.GetRequiredService<Locksmith.ISemaphoreProvider>(),
                sp.GetRequiredService<IOptions<Locksmith.LocksmithOptions>>(),
                Locksmith.Backends.LocksmithLogging.CreateLogger(sp),
                sp.GetService<Locksmith.IReaderWriterLockProvider>()));
            services.TryAddSingleton<Locksmith.ILeaderElection>(sp => new Locksmith.Leadership.LeaseLeaderElection(
                sp.GetRequiredService<Locksmith.ILockProvider>(),
                sp.GetService<Locksmith.Backends.ILeaderRecordStore>() ?? throw new InvalidOperationException(
                    $"The {builder.Backend} backend keeps no leader records, so ILeaderElection and [ClusterSingleton] cannot work on it. " +
                    "Use the in-memory, Redis or Redlock backend, or register an ILeaderRecordStore with this backend."),
                sp.GetRequiredService<IOptions<Locksmith.LocksmithOptions>>().Value.Leadership,
                sp.GetRequiredService<TimeProvider>(),
                Locksmith.Backends.LocksmithLogging.CreateLogger(sp)));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LocksmithActivationService>());

            // Rate limiting over whichever store the backend registers; a backend that cannot offer it (Redlock)
            // registers a store that refuses the first acquisition with its reason.
            services.TryAddSingleton(sp => new Locksmith.RateLimiting.DistributedRateLimiterProvider(new Locksmith.RateLimiting.RateLimitGate(
                sp.GetRequiredService<Locksmith.Backends.IRateLimitStore>(),
                sp.GetRequiredService<TimeProvider>(),
                Locksmith.Backends.LocksmithLogging.CreateLogger(sp))));
            services.TryAddSingleton<Locksmith.IRateLimiterProvider>(sp => sp.GetRequiredService<Locksmith.RateLimiting.DistributedRateLimiterProvider>());
        }

        configure?.Invoke(marker.Builder);
        if (marker.Builder.Backend is null)
        {
            marker.Builder.UseInMemory();
        }

        return services;
    }
}
