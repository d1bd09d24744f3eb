// shape: await using var lease = await TryAcquireAsync(...); if (lease is null) return;
// expect: none
// why: the work runs only when the lock was taken
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.TryAcquireNullCheckReturn;

public sealed class Digest(ILockProvider locks)
{
    public async Task<bool> SendAsync(Func<Task> send)
    {
        await using var lease = await locks.TryAcquireAsync("digest");
        if (lease is null)
        {
            return false;
        }

        await send();
        return true;
    }
}
