using Locksmith.Backends;
using Locksmith.Redis;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Leadership;
using Locksmith.Redis.ReaderWriter;
using Locksmith.Redis.RateLimiting;
using Locksmith.Redis.Redlock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith;

/// <summary>Chooses the Redlock backend in <c>services.AddLocksmith(b => b.UseRedlock(...))</c>: N independent Redis masters.</summary>
public static class LocksmithBuilderRedlockExtensions
{
    /// <summary>
    /// Uses Redlock over independent masters, each given by a StackExchange.Redis configuration string such as
    /// <c>"10.0.0.1:6379,password=..."</c>. Use an odd number, at least 3 (see <see cref="RedlockOptions.AllowUnsafeMasterCount"/>).
    /// </summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="masters">One configuration string per master.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder UseRedlock(this LocksmithBuilder builder, params string[] masters)
    {
        ArgumentNullException.ThrowIfNull(masters);
        return builder.UseRedlock(masters.Select(ConfigurationOptions.Parse));
    }

    /// <summary>Uses Redlock over independent masters described by <paramref name="masters"/>; Locksmith owns the connections it opens.</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="masters">One configuration per master.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder UseRedlock(this LocksmithBuilder builder, IEnumerable<ConfigurationOptions> masters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(masters);
        var configurations = masters.Select(m => m.Clone()).ToList();
        foreach (var configuration in configurations)
        {
            // Start even while a master is down, and fail a request to a down master at once instead of queueing it:
            // Redlock goes on with the others, and a quick "no" is what lets it decide within InstanceTimeout.
            configuration.AbortOnConnectFail = false;
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
        }

        return Register(builder, configurations.Count, () => [.. configurations.Select(c => OwnedConnection.Open(c))]);
    }

    /// <summary>Uses Redlock over existing connections, one per master, which the application keeps owning.</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="masters">One connection per master.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder UseRedlock(this LocksmithBuilder builder, IEnumerable<IConnectionMultiplexer> masters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(masters);
        var connections = masters.ToList();
        return Register(builder, connections.Count, () => [.. connections.Select(c => new OwnedConnection(c, owned: false))]);
    }

    /// <summary>Changes the Redlock settings (drift factor, per-master timeout, retry delay, master count check).</summary>
    /// <param name="builder">The Locksmith builder, after <c>UseRedlock</c>.</param>
    /// <param name="configure">Changes the settings.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder ConfigureRedlock(this LocksmithBuilder builder, Action<RedlockOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    private static LocksmithBuilder Register(LocksmithBuilder builder, int count, Func<IReadOnlyList<OwnedConnection>> connect) =>
        builder.UseBackend("redlock", services =>
        {
            services.AddOptions<RedisBackendOptions>().ValidateOnStart();
            services.AddOptions<RedlockOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisBackendOptions>, RedisBackendOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedlockOptions>>(new RedlockOptionsValidator(count)));
            services.TryAddSingleton(_ => new RedlockMasters(connect()));
            services.TryAddSingleton(sp => new RedlockLeaseProvider(
                sp.GetRequiredService<RedlockMasters>(),
                sp.GetRequiredService<IOptions<RedisBackendOptions>>().Value,
                sp.GetRequiredService<IOptions<RedlockOptions>>().Value,
                LeaseClient.FromServices(sp),
                sp.GetRequiredService<IOptions<LocksmithOptions>>()));
            services.TryAddSingleton<ILockProvider>(sp => sp.GetRequiredService<RedlockLeaseProvider>());
            services.TryAddSingleton<ISemaphoreProvider>(sp => sp.GetRequiredService<RedlockLeaseProvider>());
            services.TryAddSingleton<ILeaderRecordStore>(sp =>
            {
                var keys = sp.GetRequiredService<RedlockLeaseProvider>().Keys;
                return new RedlockLeaderRecords(
                    [.. sp.GetRequiredService<RedlockMasters>().Connections.Select(c => new RedisLeaderRecords(c, keys, new ReleaseNotices(c, keys)))]);
            });

            // Refused with the cause and the fix rather than left unregistered, so every caller learns why.
            services.TryAddSingleton<IReaderWriterLockProvider>(new RedlockReaderWriterRefusal());
            services.TryAddSingleton<IRateLimitStore>(new RedlockRateLimits());
        });
}
