// shape: await using lease; await Task.Run(work)
// expect: none
// why: the lease outlives the work because the task is awaited inside its scope
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.TaskRunAwaitedInsideLease;

public sealed class Compactor(ILockProvider locks)
{
    public async Task CompactAsync(Action work)
    {
        await using var lease = await locks.AcquireAsync("compact");
        await Task.Run(work);
    }
}
