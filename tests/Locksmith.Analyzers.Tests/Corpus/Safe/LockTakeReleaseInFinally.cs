// shape: LockTake, work in try, LockRelease with the same token in finally
// expect: none
// why: LockRelease deletes only while the value is still our token, and finally runs on every path
using System;
using StackExchange.Redis;

namespace Corpus.Safe.LockTakeReleaseInFinally;

public sealed class Reconciler(IDatabase db)
{
    public bool Run(Action work)
    {
        var token = Guid.NewGuid().ToString();
        if (!db.LockTake("reconcile", token, TimeSpan.FromSeconds(30)))
        {
            return false;
        }

        try
        {
            work();
            return true;
        }
        finally
        {
            db.LockRelease("reconcile", token);
        }
    }
}
