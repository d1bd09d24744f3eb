// shape: leases acquired in a loop without using, added to a list that is returned; the caller disposes them
// expect: none
// why: ownership passes to the caller with the list; nothing is disposed early
using System.Collections.Generic;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.LeasesListOwnedByCaller;

public sealed class MultiLock(ILockProvider locks)
{
    public async Task<List<ILockLease>> LockAllAsync(IEnumerable<string> keys)
    {
        var leases = new List<ILockLease>();
        foreach (var key in keys)
        {
            leases.Add(await locks.AcquireAsync(key));
        }

        return leases;
    }
}
