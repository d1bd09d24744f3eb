// shape: TryLock(key, TimeSpan? expiry = null) passes its optional expiry straight to SET NX
// expect: LSM001
// why: every caller that omits the expiry gets a lock key with no TTL, which a crashed holder never gives back
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.NullableDefaultParameter;

public sealed class SimpleLock(IDatabase db)
{
    public bool TryLock(string key, string token, TimeSpan? expiry = null) =>
        db.StringSet(key, token, expiry, When.NotExists);
}
