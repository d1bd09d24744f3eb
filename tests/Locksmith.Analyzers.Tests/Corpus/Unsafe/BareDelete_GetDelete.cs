// shape: release by StringGetDelete, then comparing the returned value with the token afterwards
// expect: LSM004
// why: GETDEL deletes first and compares later; by then another holder's lock is already gone
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.GetDelete;

public sealed class CheckAfterDelete(IDatabase db)
{
    private const string Key = "checkout-lock";
    private readonly string token = Guid.NewGuid().ToString();

    public bool Lock() => db.StringSet(Key, token, TimeSpan.FromSeconds(10), When.NotExists);

    public bool Unlock() => db.StringGetDelete(Key) == token;
}
