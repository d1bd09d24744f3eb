// shape: lease held while Task.WhenAll over async work per item is awaited inside the try
// expect: none
// why: every task finishes before the finally releases
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.WhenAllInsideTry;

public sealed class Fanout(ILockProvider locks)
{
    public async Task RunAsync(List<string> items, Func<string, Task> handle)
    {
        var lease = await locks.AcquireAsync("fanout");
        try
        {
            await Task.WhenAll(items.Select(async item => await handle(item)));
        }
        finally
        {
            await lease.DisposeAsync();
        }
    }
}
