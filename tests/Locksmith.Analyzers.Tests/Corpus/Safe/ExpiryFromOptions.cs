// shape: SET NX whose expiry comes from an options object
// expect: none
// why: the value is not known at compile time and is a non-nullable TimeSpan; nothing suggests it is infinite
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.ExpiryFromOptions;

public sealed class LockOptionsLike
{
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed class ConfiguredLock(IDatabase db, LockOptionsLike options)
{
    public Task<bool> TakeAsync(string key, string token) => db.StringSetAsync(key, token, options.Ttl, When.NotExists);
}
