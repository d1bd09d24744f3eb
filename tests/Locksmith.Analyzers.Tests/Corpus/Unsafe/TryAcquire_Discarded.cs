// shape: await locks.TryAcquireAsync(key) as a statement, result thrown away, then the work
// expect: LSM017
// why: TryAcquireAsync returns null when the lock is taken; the work runs whether or not we hold it
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.TryAcquireDiscarded;

public sealed class Nightly(ILockProvider locks)
{
    public async Task RunAsync(Func<Task> work)
    {
        await locks.TryAcquireAsync("nightly");
        await work();
    }
}
