// shape: acquisition by Execute("SET", key, token, "NX", "PX", ms), release by a fire-and-forget KeyDelete in finally
// expect: LSM004
// why: the raw SET NX PX is a proper lock; the fire-and-forget delete still ignores the owner
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.FireAndForgetAfterRawSet;

public sealed class RawWorker(IDatabase db)
{
    public void Work(string name, Action body)
    {
        var key = "raw-lock:" + name;
        if (db.Execute("SET", key, Guid.NewGuid().ToString(), "NX", "PX", 20000).IsNull)
        {
            return;
        }

        try
        {
            body();
        }
        finally
        {
            db.KeyDelete(key, CommandFlags.FireAndForget);
        }
    }
}
