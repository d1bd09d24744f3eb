// shape: Locksmith AcquireAsync held with await using
// expect: none
// why: AcquireAsync never returns null, and await using releases on every path
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.AwaitUsingLease;

public sealed class Orders(ILockProvider locks)
{
    public async Task ShipAsync(string orderId, Func<Task> ship)
    {
        await using var lease = await locks.AcquireAsync("order:" + orderId);
        await ship();
    }
}
