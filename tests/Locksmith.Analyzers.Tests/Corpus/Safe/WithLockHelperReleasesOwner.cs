// shape: WithLockAsync(key, func) helper: LockTakeAsync, await func in try, LockReleaseAsync in finally
// expect: none
// why: owner-checked release on every path, work awaited before it
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.WithLockHelperReleasesOwner;

public static class LockHelpers
{
    public static async Task<bool> WithLockAsync(this IDatabase db, string key, Func<Task> func)
    {
        var token = Guid.NewGuid().ToString();
        if (!await db.LockTakeAsync(key, token, TimeSpan.FromSeconds(30)))
        {
            return false;
        }

        try
        {
            await func();
            return true;
        }
        finally
        {
            await db.LockReleaseAsync(key, token);
        }
    }
}
