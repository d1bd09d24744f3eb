using Locksmith.Conformance;
using Locksmith.Redis.Internal;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Conformance;

/// <summary>The Redis backend for the conformance suite: each client is its own container and connection.</summary>
public sealed class RedisConformanceBackend(RedisServerFixture fixture) : ConformanceBackend
{
    public override ValueTask<ConformanceClient> ConnectAsync(LocksmithOptions? defaults = null)
    {
        var services = new ServiceCollection();
        services.AddLocksmith(b =>
        {
            b.UseRedis(fixture.Server.EndPoint);
            if (defaults is not null)
            {
                b.ConfigureDefaults(o => (o.Locks, o.Semaphores) = (defaults.Locks, defaults.Semaphores));
            }
        });
        var provider = services.BuildServiceProvider();
        var backend = provider.GetRequiredService<RedisLeaseProvider>();
        return ValueTask.FromResult(new ConformanceClient(backend, backend, provider.DisposeAsync));
    }

    public override async ValueTask RevokeAsync(ILease lease)
    {
        var held = (RedisLease)lease;
        var db = fixture.Admin.GetDatabase();
        var removed = held.Kind == LeaseKind.Lock
            ? await db.KeyDeleteAsync(held.RedisKey)
            : await db.SortedSetRemoveAsync(held.RedisKey, held.Owner);
        Assert.True(removed, "The lease to revoke was not held.");
    }
}

public sealed class RedisLockConformanceTests(RedisServerFixture fixture) : LockConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(fixture));
}

public sealed class RedisSemaphoreConformanceTests(RedisServerFixture fixture) : SemaphoreConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<ConformanceBackend> CreateBackendAsync() => ValueTask.FromResult<ConformanceBackend>(new RedisConformanceBackend(fixture));
}
