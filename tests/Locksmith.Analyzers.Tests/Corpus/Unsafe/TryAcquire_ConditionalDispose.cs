// shape: lease from TryAcquireAsync, work in try, finally disposes with ?. (null handled only at release)
// expect: LSM017
// why: the ?. shows null was expected, yet the work runs when the lock was not taken
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.TryAcquireConditionalDispose;

public sealed class Cleanup(ILockProvider locks)
{
    public async Task RunAsync(Func<Task> clean)
    {
        var lease = await locks.TryAcquireAsync("cleanup");
        try
        {
            await clean();
        }
        finally
        {
            if (lease != null) { await lease.DisposeAsync(); }
        }
    }
}
