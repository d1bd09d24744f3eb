// shape: a page-view counter: StringIncrement then KeyExpire, the count returned, never compared with 1
// expect: none
// why: not a lock; a counter that keeps its key a little longer is harmless (and LSM015 is about locks)
using System;
using StackExchange.Redis;

namespace Corpus.Safe.CounterWithoutLock;

public sealed class PageViews(IDatabase db)
{
    public long Hit(string page)
    {
        var key = "views:" + page;
        var n = db.StringIncrement(key);
        db.KeyExpire(key, TimeSpan.FromDays(1));
        return n;
    }
}
