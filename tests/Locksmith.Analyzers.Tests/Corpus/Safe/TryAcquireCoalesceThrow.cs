// shape: TryAcquireAsync(...) ?? throw, held with await using
// expect: none
// why: a null result throws before any work
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.TryAcquireCoalesceThrow;

public sealed class Ledger(ILockProvider locks)
{
    public async Task PostAsync(Func<Task> post)
    {
        await using var lease = await locks.TryAcquireAsync("ledger") ?? throw new InvalidOperationException("busy");
        await post();
    }
}
