// shape: LockTakeAsync, await the work, LockReleaseAsync afterwards, no try/finally
// expect: LSM005
// why: if the work throws the release never runs
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ReleaseAfterWork;

public sealed class Billing(IDatabase db)
{
    public async Task ChargeAsync(string account, Func<Task> charge)
    {
        var token = Guid.NewGuid().ToString();
        var key = "billing:" + account;
        if (await db.LockTakeAsync(key, token, TimeSpan.FromSeconds(30)))
        {
            await charge();
            await db.LockReleaseAsync(key, token);
        }
    }
}
