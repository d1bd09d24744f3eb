// shape: leases acquired in a loop with await using, added to a list, and the list returned
// expect: LSM016
// why: each lease is disposed at the end of its iteration; the caller receives locks that are already released
using System.Collections.Generic;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.LeasesListReturned;

public sealed class MultiLock(ILockProvider locks)
{
    public async Task<List<ILockLease>> LockAllAsync(IEnumerable<string> keys)
    {
        var leases = new List<ILockLease>();
        foreach (var key in keys)
        {
            await using var lease = await locks.AcquireAsync(key);
            leases.Add(lease);
        }

        return leases;
    }
}
