// shape: a provider takes the lock with SET NX and returns a handle; the handle's DisposeAsync deletes the key it was given
// expect: LSM004
// why: acquisition and release live in two types; the handle deletes without checking that its token is still there
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ProviderAndHandle;

public sealed class RedisLockProvider(IDatabase db)
{
    public async Task<RedisLockHandle?> AcquireAsync(string resource)
    {
        var key = "locks:" + resource;
        var token = Guid.NewGuid().ToString();
        var taken = await db.StringSetAsync(key, token, TimeSpan.FromSeconds(15), When.NotExists);
        return taken ? new RedisLockHandle(db, key) : null;
    }
}

public sealed class RedisLockHandle : IAsyncDisposable
{
    private readonly IDatabase db;
    private readonly string key;

    public RedisLockHandle(IDatabase db, string key)
    {
        this.db = db;
        this.key = key;
    }

    public async ValueTask DisposeAsync() => await db.KeyDeleteAsync(key);
}
