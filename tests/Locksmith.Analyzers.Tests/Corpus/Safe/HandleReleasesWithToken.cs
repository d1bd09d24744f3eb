// shape: provider takes the lock with SET NX; its handle's DisposeAsync uses LockReleaseAsync with the token
// expect: none
// why: the handle carries the token and releases only its own lock
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.HandleReleasesWithToken;

public sealed class Provider(IDatabase db)
{
    public async Task<Handle?> TryAcquireAsync(string name)
    {
        var key = "h:" + name;
        var token = Guid.NewGuid().ToString();
        return await db.StringSetAsync(key, token, TimeSpan.FromSeconds(30), When.NotExists) ? new Handle(db, key, token) : null;
    }
}

public sealed class Handle(IDatabase db, string key, string token) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await db.LockReleaseAsync(key, token);
}
