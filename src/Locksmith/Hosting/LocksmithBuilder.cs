using Locksmith.InMemory;
using Locksmith.Backends;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Locksmith;

/// <summary>Chooses the backend and the defaults inside <c>services.AddLocksmith(b => ...)</c>.</summary>
public sealed class LocksmithBuilder
{
    internal LocksmithBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection being configured, for backend packages' extension methods.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The name <see cref="UseInMemory"/> registers its backend under (<see cref="LocksmithRuntime.Backend"/>).</summary>
    public const string InMemoryBackendName = "in-memory";

    internal string? Backend { get; private set; }

    /// <summary>
    /// Keeps locks, semaphores and rate limits in this process's memory: the full semantics (expiry, renewal, fencing, fair
    /// waiting) for one process. The default when no backend is chosen; right for samples, tests and single-instance apps.
    /// </summary>
    /// <returns>This builder.</returns>
    public LocksmithBuilder UseInMemory() => UseBackend(InMemoryBackendName, services =>
    {
        services.TryAddSingleton(sp => new InMemoryLockStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new InMemoryLockProvider(
            sp.GetRequiredService<InMemoryLockStore>(),
            LeaseClient.FromServices(sp),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocksmithOptions>>()));
        services.TryAddSingleton<ILockProvider>(sp => sp.GetRequiredService<InMemoryLockProvider>());
        services.TryAddSingleton<ISemaphoreProvider>(sp => sp.GetRequiredService<InMemoryLockProvider>());
        services.TryAddSingleton<ILeaderRecordStore>(sp => new InMemoryLeaderRecords(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new InMemoryReaderWriterStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IReaderWriterLockProvider>(sp => new InMemoryReaderWriterLockProvider(
            sp.GetRequiredService<InMemoryReaderWriterStore>(),
            sp.GetRequiredService<InMemoryLockProvider>().Client,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocksmithOptions>>()));
        services.TryAddSingleton(sp => new InMemoryRateLimitStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRateLimitStore>(sp => sp.GetRequiredService<InMemoryRateLimitStore>());
    });

    /// <summary>Changes the defaults that apply to locks and semaphores taken without explicit options.</summary>
    /// <param name="configure">Sets <see cref="LocksmithOptions.Locks"/> and <see cref="LocksmithOptions.Semaphores"/>.</param>
    /// <returns>This builder.</returns>
    public LocksmithBuilder ConfigureDefaults(Action<LocksmithOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Registers a backend; called by backend packages' <c>Use...</c> methods. Only one backend may be chosen, so a
    /// configuration that names two fails here rather than silently using the last one.
    /// </summary>
    /// <param name="name">The backend's name, used in messages.</param>
    /// <param name="register">
    /// Registers <see cref="ILockProvider"/> and <see cref="ISemaphoreProvider"/>; <see cref="ILeaderRecordStore"/> for
    /// <see cref="ILeaderElection"/> to be available; and <see cref="IRateLimitStore"/> (rate limits; a backend that
    /// cannot keep them exact registers one that refuses every request, naming why and what to use instead).
    /// </param>
    /// <returns>This builder.</returns>
    public LocksmithBuilder UseBackend(string name, Action<IServiceCollection> register)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(register);
        if (Backend is not null && Backend != name)
        {
            throw new InvalidOperationException(
                $"Locksmith is already configured to use the {Backend} backend; it cannot also use {name}. Call one Use... method in AddLocksmith.");
        }

        if (Backend is null)
        {
            Backend = name;
            register(Services);
        }

        return this;
    }
}
