// shape: if (await StringIncrementAsync(key) > 1) return false; then KeyExpireAsync(key, ttl)
// expect: LSM015
// why: the same INCR-then-EXPIRE lock written with '> 1'; a crash between the calls leaves no TTL
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.IncrGreaterThanOne;

public sealed class Dedup(IDatabase db)
{
    public async Task<bool> FirstAsync(string messageId)
    {
        var key = "dedup:" + messageId;
        if (await db.StringIncrementAsync(key) > 1)
        {
            return false;
        }

        await db.KeyExpireAsync(key, TimeSpan.FromMinutes(10));
        return true;
    }
}
