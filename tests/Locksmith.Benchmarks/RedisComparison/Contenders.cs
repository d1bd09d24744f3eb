using Medallion.Threading.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RedLockNet.SERedis;
using RedLockNet.SERedis.Configuration;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.RedisComparison;

/// <summary>One way of taking a Redis lock, measured by <see cref="RedisComparison"/>.</summary>
internal abstract class Contender : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>Takes the lock on <paramref name="key"/> (waiting up to <paramref name="wait"/>); null when not acquired.</summary>
    public abstract Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The floor: SET NX PX and a compare-and-delete script (floor_release.lua, sent as EVALSHA), one round trip each,
/// polling every millisecond while held.
/// What any correct single-instance lock must at least cost.
/// </summary>
internal sealed class RawFloor(IDatabase db) : Contender
{
    public override string Name => "raw SE.Redis floor (SET NX PX + compare-and-delete)";

    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait)
    {
        var owner = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + wait;
        while (!await db.StringSetAsync(key, owner, TimeSpan.FromSeconds(30), When.NotExists))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(1);
        }

        return new Handle(() => LuaScripts.FloorReleaseScript.EvaluateAsync(db, key, owner));
    }
}

internal sealed class LocksmithProgrammatic(ILockProvider locks, string name = "Locksmith ILockProvider") : Contender
{
    public override string Name => name;

    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait) =>
        await locks.TryAcquireAsync(key, new LockOptions { WaitTimeout = wait });
}

internal sealed class LocksmithWoven(RedisComparisonService service) : Contender
{
    public override string Name => "Locksmith [DistributedLock] (woven)";

    // The woven method holds the lock while its body runs; the body hands control back until the harness "releases".
    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = service.HoldAsync(key, entered, release.Task);
        var first = await Task.WhenAny(entered.Task, call);
        if (first == call)
        {
            await call;
            return null;
        }

        return new Handle(async () =>
        {
            release.SetResult();
            await call;
        });
    }
}

/// <summary>The woven contender's service: the attribute's lock around a body the harness controls.</summary>
public class RedisComparisonService
{
    [DistributedLock("{key}", WaitTimeout = "60s")]
    public virtual async Task HoldAsync(string key, TaskCompletionSource entered, Task release)
    {
        entered.SetResult();
        await release;
    }
}

internal sealed class DistributedLockRedis(IDatabase db) : Contender
{
    public override string Name => "DistributedLock.Redis 1.1.1";

    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait) =>
        await new RedisDistributedLock(key, db).TryAcquireAsync(wait);
}

internal sealed class RedLockNet(RedLockFactory factory, string name = "RedLock.net 2.3.2 (one endpoint)") : Contender
{
    public override string Name => name;

    public static RedLockNet Create(ConnectionMultiplexer connection) =>
        new(RedLockFactory.Create([new RedLockMultiplexer(connection)], NullLoggerFactory.Instance));

    public static RedLockNet Create(IReadOnlyList<ConnectionMultiplexer> masters) =>
        new(RedLockFactory.Create([.. masters.Select(m => new RedLockMultiplexer(m))], NullLoggerFactory.Instance), $"RedLock.net 2.3.2 ({masters.Count} masters)");

    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait)
    {
        var redLock = await factory.CreateLockAsync(key, TimeSpan.FromSeconds(30), wait, TimeSpan.FromMilliseconds(10));
        if (redLock.IsAcquired)
        {
            return redLock;
        }

        await redLock.DisposeAsync();
        return null;
    }

    public override async ValueTask DisposeAsync()
    {
        factory.Dispose();
        await base.DisposeAsync();
    }
}

internal sealed class SeRedisLockTake(IDatabase db) : Contender
{
    public override string Name => "SE.Redis LockTake/LockRelease";

    public override async Task<IAsyncDisposable?> AcquireAsync(string key, TimeSpan wait)
    {
        var owner = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + wait;
        while (!await db.LockTakeAsync(key, owner, TimeSpan.FromSeconds(30)))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(1);
        }

        return new Handle(() => db.LockReleaseAsync(key, owner));
    }
}

internal sealed class Handle(Func<Task> release) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await release();
}

/// <summary>Builds every contender against one server, each with its own connection.</summary>
internal static class ContenderSet
{
    public static async Task<(List<Contender> Contenders, List<IAsyncDisposable> Owned)> CreateAsync(string endpoint)
    {
        var owned = new List<IAsyncDisposable>();
        async Task<ConnectionMultiplexer> Connect()
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
            owned.Add(connection);
            return connection;
        }

        var locksmithConnection = await Connect();
        var locksmith = new ServiceCollection().AddLocksmith(b => b.UseRedis(locksmithConnection)).BuildServiceProvider();
        owned.Add(locksmith);
        var runtime = locksmith.ActivateLocksmith();
        var contenders = new List<Contender>
        {
            new RawFloor((await Connect()).GetDatabase()),
            new LocksmithProgrammatic(locksmith.GetRequiredService<ILockProvider>()),
            new LocksmithWoven(new RedisComparisonService()),
            new DistributedLockRedis((await Connect()).GetDatabase()),
            RedLockNet.Create(await Connect()),
            new SeRedisLockTake((await Connect()).GetDatabase()),
        };
        owned.AddRange(contenders);
        GC.KeepAlive(runtime);
        return (contenders, owned);
    }
}
