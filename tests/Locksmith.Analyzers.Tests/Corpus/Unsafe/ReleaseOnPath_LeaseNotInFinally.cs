// shape: Locksmith lease from AcquireAsync kept in a plain local and disposed at the end of the method
// expect: LSM005
// why: an exception in the work skips DisposeAsync; the lease is held until its TTL
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.LeaseNotInFinally;

public sealed class Stock(ILockProvider locks)
{
    public async Task ReserveAsync(string sku, Func<Task> reserve)
    {
        var lease = await locks.AcquireAsync("stock:" + sku);
        await reserve();
        await lease.DisposeAsync();
    }
}
