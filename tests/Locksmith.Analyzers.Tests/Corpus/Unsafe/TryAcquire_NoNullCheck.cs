// shape: await using var lease = await TryAcquireAsync(...); work follows with no null check
// expect: LSM017
// why: await using accepts null silently, so the protected work runs without the lock
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.TryAcquireNoNullCheck;

public sealed class Payouts(ILockProvider locks)
{
    public async Task PayAsync(string account, Func<Task> pay)
    {
        await using var lease = await locks.TryAcquireAsync("payout:" + account);
        await pay();
    }
}
