using Locksmith.Backends;
using Locksmith.Redis;
using Locksmith.Queues;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Leadership;
using Locksmith.Redis.Queues;
using Locksmith.Redis.ReaderWriter;
using Locksmith.Redis.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Locksmith;

/// <summary>Chooses the Redis backend in <c>services.AddLocksmith(b => b.UseRedis(...))</c>.</summary>
public static class LocksmithBuilderRedisExtensions
{
    /// <summary>Uses one Redis server given by a StackExchange.Redis configuration string, such as <c>"localhost:6379,password=..."</c>.</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder UseRedis(this LocksmithBuilder builder, string configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return builder.UseRedis(ConfigurationOptions.Parse(configuration));
    }

    /// <summary>Uses one Redis server described by <paramref name="configuration"/>; Locksmith owns the connection it opens.</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="configuration">The connection settings.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder UseRedis(this LocksmithBuilder builder, ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.Clone();

        // Start even while Redis is down: calls fail with a clear exception and succeed once it is back.
        options.AbortOnConnectFail = false;
        return Register(builder, _ => OwnedConnection.Open(options));
    }

    /// <summary>Uses an existing connection, which the application keeps owning (Locksmith never disposes it).</summary>
    /// <param name="builder">The Locksmith builder.</param>
    /// <param name="connection">The connection.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder UseRedis(this LocksmithBuilder builder, IConnectionMultiplexer connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        return Register(builder, _ => new OwnedConnection(connection, owned: false));
    }

    /// <summary>Changes the Redis backend's settings (key prefix, fencing counter lifetime, re-check interval).</summary>
    /// <param name="builder">The Locksmith builder, after <c>UseRedis</c>.</param>
    /// <param name="configure">Changes the settings.</param>
    /// <returns>The builder.</returns>
    public static LocksmithBuilder ConfigureRedis(this LocksmithBuilder builder, Action<RedisBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    private static LocksmithBuilder Register(LocksmithBuilder builder, Func<IServiceProvider, OwnedConnection> connect) =>
        builder.UseBackend("redis", services =>
        {
            services.AddOptions<RedisBackendOptions>().ValidateOnStart();

            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisBackendOptions>, RedisBackendOptionsValidator>());
            services.TryAddSingleton(connect);
            services.TryAddSingleton(sp => new RedisLeaseProvider(
                sp.GetRequiredService<OwnedConnection>().Connection,
                sp.GetRequiredService<IOptions<RedisBackendOptions>>().Value,
                LeaseClient.FromServices(sp),
                sp.GetRequiredService<IOptions<LocksmithOptions>>()));
            services.TryAddSingleton<ILockProvider>(sp => sp.GetRequiredService<RedisLeaseProvider>());
            services.TryAddSingleton<ISemaphoreProvider>(sp => sp.GetRequiredService<RedisLeaseProvider>());
            services.TryAddSingleton<ILeaderRecordStore>(sp =>
            {
                var provider = sp.GetRequiredService<RedisLeaseProvider>();
                return new RedisLeaderRecords(provider.Connection, provider.Keys, provider.Notices);
            });
            services.TryAddSingleton<IReaderWriterLockProvider>(sp => new RedisReaderWriterLockProvider(
                sp.GetRequiredService<RedisLeaseProvider>(), sp.GetRequiredService<IOptions<LocksmithOptions>>()));
            services.TryAddSingleton<IRateLimitStore>(sp => new RedisRateLimitStore(
                sp.GetRequiredService<OwnedConnection>().Connection,
                sp.GetRequiredService<RedisLeaseProvider>().Keys));
            services.TryAddSingleton<IQueueTransport>(sp => new RedisQueueTransport(
                sp.GetRequiredService<OwnedConnection>().Connection,
                sp.GetRequiredService<IOptions<RedisBackendOptions>>().Value,
                sp.GetRequiredService<RedisLeaseProvider>(),
                sp.GetRequiredService<TimeProvider>(),
                LocksmithLogging.CreateLogger(sp)));
        });
}
