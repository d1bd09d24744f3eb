// shape: lease from TryAcquireAsync used with the null-forgiving operator, lease!.DisposeAsync() at the end
// expect: LSM017
// why: '!' silences the compiler, not the lock: when the lease is null the work has already run without it
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.TryAcquireNullForgiving;

public sealed class Rebuild(ILockProvider locks)
{
    public async Task RunAsync(Func<Task> rebuild)
    {
        var lease = await locks.TryAcquireAsync("rebuild");
        await rebuild();
        await lease!.DisposeAsync();
    }
}
