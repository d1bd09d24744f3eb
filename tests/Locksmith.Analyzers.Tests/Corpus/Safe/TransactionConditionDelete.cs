// shape: release in a transaction guarded by Condition.StringEqual(key, token), then KeyDeleteAsync inside it
// expect: none
// why: MULTI/EXEC with a WATCH-based condition is an atomic compare-and-delete; another holder's key is left alone
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.TransactionConditionDelete;

public sealed class TransactionalLock(IDatabase db)
{
    private readonly string token = Guid.NewGuid().ToString();

    public Task<bool> TakeAsync(string key) => db.StringSetAsync(key, token, TimeSpan.FromSeconds(20), When.NotExists);

    public async Task<bool> ReleaseAsync(string key)
    {
        var tran = db.CreateTransaction();
        tran.AddCondition(Condition.StringEqual(key, token));
        _ = tran.KeyDeleteAsync(key);
        return await tran.ExecuteAsync();
    }
}
