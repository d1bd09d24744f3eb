// shape: TimeSpan? ttl = null parameter, replaced by a default before SET NX
// expect: none
// why: the call always passes a finite expiry
using System;
using StackExchange.Redis;

namespace Corpus.Safe.NullableExpiryWithFallback;

public sealed class DefaultingLock(IDatabase db)
{
    public bool TryLock(string key, string token, TimeSpan? ttl = null) =>
        db.StringSet(key, token, ttl ?? TimeSpan.FromSeconds(30), When.NotExists);
}
