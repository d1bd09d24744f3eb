// shape: lock by StringIncrement(key) == 1, then a separate KeyExpire to bound it
// expect: LSM015
// why: two commands; a crash between INCR and EXPIRE leaves a key without a TTL, locked forever
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.IncrCompareOne;

public sealed class CounterLock(IDatabase db)
{
    public bool TryLock(string name)
    {
        var key = "incr-lock:" + name;
        if (db.StringIncrement(key) == 1)
        {
            db.KeyExpire(key, TimeSpan.FromSeconds(30));
            return true;
        }

        return false;
    }
}
