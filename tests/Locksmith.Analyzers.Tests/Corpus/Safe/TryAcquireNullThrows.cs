// shape: var lease = await TryAcquireAsync(...); if (lease == null) throw ...; try/finally disposes it
// expect: none
// why: the work is reached only with a lease in hand
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.TryAcquireNullThrows;

public sealed class Settlement(ILockProvider locks)
{
    public async Task SettleAsync(Func<Task> settle)
    {
        var lease = await locks.TryAcquireAsync("settlement");
        if (lease == null)
        {
            throw new InvalidOperationException("settlement already running");
        }

        try
        {
            await settle();
        }
        finally
        {
            await lease.DisposeAsync();
        }
    }
}
