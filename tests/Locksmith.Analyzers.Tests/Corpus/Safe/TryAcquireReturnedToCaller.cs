// shape: a wrapper returns the TryAcquireAsync result to its caller
// expect: none
// why: the caller owns the null check; this method does no protected work
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.TryAcquireReturnedToCaller;

public sealed class LockFacade(ILockProvider locks)
{
    public async Task<ILockLease?> TryLockUserAsync(string user) => await locks.TryAcquireAsync("user:" + user);
}
