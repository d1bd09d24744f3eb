// shape: List.ForEach with a synchronous lambda inside a LockTake/LockRelease try/finally
// expect: none
// why: the work is done when ForEach returns
using System;
using System.Collections.Generic;
using StackExchange.Redis;

namespace Corpus.Safe.SyncForEachInsideTry;

public sealed class Tally(IDatabase db)
{
    public void Count(List<int> values)
    {
        var token = Guid.NewGuid().ToString();
        if (!db.LockTake("tally", token, TimeSpan.FromSeconds(5)))
        {
            return;
        }

        try
        {
            var sum = 0;
            values.ForEach(v => sum += v);
            db.StringSet("tally:sum", sum);
        }
        finally
        {
            db.LockRelease("tally", token);
        }
    }
}
