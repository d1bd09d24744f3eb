// shape: a provider takes a lock with SET NX and hands the key to a handle; the handle deletes only its own scratch key
// expect: none
// why: the handle releases the lock with LockRelease and the bare delete targets a different key
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.HandleKeepsKeyDeletesOwnTempKey;

public sealed class Provider(IDatabase db)
{
    public async Task<Handle?> TakeAsync(string name)
    {
        var key = "job:" + name;
        var token = Guid.NewGuid().ToString();
        return await db.StringSetAsync(key, token, TimeSpan.FromSeconds(30), When.NotExists) ? new Handle(db, key, token) : null;
    }
}

public sealed class Handle(IDatabase db, string key, string token) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await db.KeyDeleteAsync(key + ":scratch");
        await db.LockReleaseAsync(key, token);
    }
}
