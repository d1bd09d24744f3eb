// shape: try { items.ForEach(async item => ...) } finally { LockRelease }
// expect: LSM016
// why: List.ForEach with an async lambda starts async-void work and returns at once; the lock is released while it runs
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ForEachAsync;

public sealed class Batch(IDatabase db)
{
    public void Process(List<string> items, Func<string, Task> handle)
    {
        var token = Guid.NewGuid().ToString();
        if (!db.LockTake("batch", token, TimeSpan.FromSeconds(30)))
        {
            return;
        }

        try
        {
            items.ForEach(async item => await handle(item));
        }
        finally
        {
            db.LockRelease("batch", token);
        }
    }
}
