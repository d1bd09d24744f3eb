// shape: provider takes the lock with SET NX; its handle releases in a transaction guarded by Condition.StringEqual
// expect: none
// why: the handle's delete runs only if the key still holds the handle's token (WATCH + MULTI/EXEC)
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.HandleTransactionGuardedDelete;

public sealed class Provider(IDatabase db)
{
    public async Task<Handle?> TakeAsync(string id)
    {
        var key = "tx:" + id;
        var token = Guid.NewGuid().ToString();
        return await db.StringSetAsync(key, token, TimeSpan.FromSeconds(30), When.NotExists) ? new Handle(db, key, token) : null;
    }
}

public sealed class Handle(IDatabase db, string key, string token) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        var tran = db.CreateTransaction();
        tran.AddCondition(Condition.StringEqual(key, token));
        _ = tran.KeyDeleteAsync(key);
        await tran.ExecuteAsync();
    }
}
