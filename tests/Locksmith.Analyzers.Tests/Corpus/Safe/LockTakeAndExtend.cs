// shape: LockTake with a short TTL, LockExtend in a loop while working, LockRelease in finally
// expect: none
// why: short lease, renewed by its owner, released by owner check
using System;
using StackExchange.Redis;

namespace Corpus.Safe.LockTakeAndExtend;

public sealed class Renewing(IDatabase db)
{
    public void Run(Func<bool> step)
    {
        var token = Guid.NewGuid().ToString();
        if (!db.LockTake("renewing", token, TimeSpan.FromSeconds(10)))
        {
            return;
        }

        try
        {
            while (step())
            {
                db.LockExtend("renewing", token, TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            db.LockRelease("renewing", token);
        }
    }
}
