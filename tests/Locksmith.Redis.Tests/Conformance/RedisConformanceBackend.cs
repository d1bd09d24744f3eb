using Locksmith.Backends;
using Locksmith.Conformance;
using Locksmith.Redis.Internal;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Conformance;

/// <summary>
/// A Redis topology for the conformance suite: each client is its own container and connection(s); a revocation deletes
/// the lease's entry on every server an operator could reach.
/// </summary>
public sealed class RedisConformanceBackend(
    Action<LocksmithBuilder> use, IReadOnlyList<IConnectionMultiplexer> admins, bool fair = true, bool rateLimits = true) : ConformanceBackend
{
    public override bool SupportsFairSemaphores => fair;

    public override bool SupportsRateLimiting => rateLimits;

    public override ValueTask<ConformanceClient> ConnectAsync(LocksmithOptions? defaults = null)
    {
        var services = new ServiceCollection();
        services.AddLocksmith(b =>
        {
            use(b);
            if (defaults is not null)
            {
                b.ConfigureDefaults(o => (o.Locks, o.Semaphores, o.Leadership) = (defaults.Locks, defaults.Semaphores, defaults.Leadership));
            }
        });
        var provider = services.BuildServiceProvider();
        return ValueTask.FromResult(new ConformanceClient(provider, provider.DisposeAsync));
    }

    public override async ValueTask RevokeAsync(ILease lease)
    {
        var held = (RedisLeaseBase)lease;
        var removed = 0;
        foreach (var admin in admins)
        {
            var db = admin.GetDatabase();
            removed += held.Kind == LeaseKind.Lock
                ? (await db.KeyDeleteAsync(held.RedisKey) ? 1 : 0)
                : (await db.SortedSetRemoveAsync(held.RedisKey, held.Owner) ? 1 : 0);
        }

        Assert.True(removed > 0, "The lease to revoke was not held.");
    }
}

public sealed class RedisLockConformanceTests(RedisServerFixture fixture) : LockConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Server.EndPoint), [fixture.Admin]));
}

public sealed class RedlockLockConformanceTests(RedlockFixture fixture) : LockConformanceTests, IClassFixture<RedlockFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedlock(fixture.EndPoints), fixture.Admins));
}

public sealed class ClusterLockConformanceTests(RedisClusterFixture fixture) : LockConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Cluster.Configuration), [fixture.Admin]));
}

public sealed class RedisSemaphoreConformanceTests(RedisServerFixture fixture) : SemaphoreConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Server.EndPoint), [fixture.Admin]));
}

public sealed class RedlockSemaphoreConformanceTests(RedlockFixture fixture) : SemaphoreConformanceTests, IClassFixture<RedlockFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedlock(fixture.EndPoints), fixture.Admins, fair: false));
}

public sealed class ClusterSemaphoreConformanceTests(RedisClusterFixture fixture) : SemaphoreConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Cluster.Configuration), [fixture.Admin]));
}

public sealed class RedisLeaderElectionConformanceTests(RedisServerFixture fixture) : LeaderElectionConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Server.EndPoint), [fixture.Admin]));
}

public sealed class RedlockLeaderElectionConformanceTests(RedlockFixture fixture) : LeaderElectionConformanceTests, IClassFixture<RedlockFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedlock(fixture.EndPoints), fixture.Admins, fair: false));
}

public sealed class ClusterLeaderElectionConformanceTests(RedisClusterFixture fixture) : LeaderElectionConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Cluster.Configuration), [fixture.Admin]));
}

public sealed class RedisLockSetConformanceTests(RedisServerFixture fixture) : LockSetConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Server.EndPoint), [fixture.Admin]));
}

public sealed class RedlockLockSetConformanceTests(RedlockFixture fixture) : LockSetConformanceTests, IClassFixture<RedlockFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedlock(fixture.EndPoints), fixture.Admins, fair: false));
}

public sealed class ClusterLockSetConformanceTests(RedisClusterFixture fixture) : LockSetConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Cluster.Configuration), [fixture.Admin]));
}

public sealed class RedisReaderWriterConformanceTests(RedisServerFixture fixture) : ReaderWriterConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Server.EndPoint), [fixture.Admin]));
}

public sealed class ClusterReaderWriterConformanceTests(RedisClusterFixture fixture) : ReaderWriterConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Cluster.Configuration), [fixture.Admin]));
}

public sealed class RedisRateLimiterConformanceTests(RedisServerFixture fixture) : RateLimiterConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Server.EndPoint), [fixture.Admin]));
}

public sealed class RedlockRateLimiterConformanceTests(RedlockFixture fixture) : RateLimiterConformanceTests, IClassFixture<RedlockFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedlock(fixture.EndPoints), fixture.Admins, fair: false, rateLimits: false));
}

public sealed class ClusterRateLimiterConformanceTests(RedisClusterFixture fixture) : RateLimiterConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(b => b.UseRedis(fixture.Cluster.Configuration), [fixture.Admin]));
}
