// shape: INCR, EXPIRE unconditionally on the next line, then the "== 1" test decides who holds the lock
// expect: LSM015
// why: still two round trips; the window between them leaves an immortal key after a crash
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.IncrExpireFirst;

public sealed class OnceGate(IDatabase db)
{
    private const string Key = "once";

    public bool Enter()
    {
        var n = db.StringIncrement(Key);
        db.KeyExpire(Key, TimeSpan.FromMinutes(1));
        return n == 1;
    }
}
