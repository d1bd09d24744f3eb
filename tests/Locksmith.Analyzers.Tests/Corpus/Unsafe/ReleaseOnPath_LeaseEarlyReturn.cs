// shape: lease acquired, early return when there is nothing to do, DisposeAsync only on the main path
// expect: LSM005
// why: the early return leaks the lease: released only when the TTL runs out
using System.Collections.Generic;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.LeaseEarlyReturn;

public sealed class Outbox(ILockProvider locks)
{
    public async Task FlushAsync(Queue<string> pending)
    {
        var lease = await locks.AcquireAsync("outbox");
        if (pending.Count == 0)
        {
            return;
        }

        pending.Clear();
        await lease.DisposeAsync();
    }
}
