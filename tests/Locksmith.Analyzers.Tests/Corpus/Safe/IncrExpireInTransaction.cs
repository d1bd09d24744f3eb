// shape: INCR and EXPIRE queued in one transaction, the result compared with 1 afterwards
// expect: none
// why: MULTI/EXEC applies both or neither, so no key is left without a TTL
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.IncrExpireInTransaction;

public sealed class AtomicGate(IDatabase db)
{
    public async Task<bool> EnterAsync(string name)
    {
        var tran = db.CreateTransaction();
        var count = tran.StringIncrementAsync("gate:" + name);
        _ = tran.KeyExpireAsync("gate:" + name, TimeSpan.FromSeconds(10));
        await tran.ExecuteAsync();
        return await count == 1;
    }
}
