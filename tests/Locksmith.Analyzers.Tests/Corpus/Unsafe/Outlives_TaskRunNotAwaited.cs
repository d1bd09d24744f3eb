// shape: inside an await using lease block, work is started with Task.Run and never awaited
// expect: LSM016
// why: the lease is disposed when the block ends while the started task still runs unprotected
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.TaskRunNotAwaited;

public sealed class Reindex(ILockProvider locks)
{
    public async Task StartAsync(Action rebuild)
    {
        await using var lease = await locks.AcquireAsync("reindex");
        _ = Task.Run(rebuild);
    }
}
