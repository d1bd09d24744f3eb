// shape: Parallel.ForEach(items, async item => ...) inside try, LockReleaseAsync in finally
// expect: LSM016
// why: Parallel.ForEach takes an Action, so each async body is async void; ForEach returns before they finish
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ParallelForEachAsync;

public sealed class Sync(IDatabase db)
{
    public async Task RunAsync(IEnumerable<string> items, Func<string, Task> push)
    {
        var token = Guid.NewGuid().ToString();
        if (!await db.LockTakeAsync("sync", token, TimeSpan.FromSeconds(60)))
        {
            return;
        }

        try
        {
            Parallel.ForEach(items, async item => await push(item));
        }
        finally
        {
            await db.LockReleaseAsync("sync", token);
        }
    }
}
