// shape: a WithLockAsync(key, func) helper: SET NX, run the work, KeyDeleteAsync in finally
// expect: LSM004
// why: finally makes the release happen on every path, but the release itself is unconditional
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.WithLockHelper;

public static class RedisLockExtensions
{
    public static async Task<bool> WithLockAsync(this IDatabase db, string key, Func<Task> work)
    {
        if (!await db.StringSetAsync(key, Environment.MachineName, TimeSpan.FromSeconds(30), When.NotExists))
        {
            return false;
        }

        try
        {
            await work();
            return true;
        }
        finally
        {
            await db.KeyDeleteAsync(key);
        }
    }
}
