// shape: a "keep holding" call that passes a null expiry, KeyExpire(key, null), to a held lock key
// expect: LSM004
// why: a null expiry is PERSIST: the lock key becomes permanent and outlives a crash of its holder, owner unchecked
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.ExpireNull;

public sealed class LongTask(IDatabase db)
{
    private const string Key = "long-task";
    private readonly string token = Guid.NewGuid().ToString();

    public bool Start() => db.LockTake(Key, token, TimeSpan.FromSeconds(30));

    public bool Pin() => db.KeyExpire(Key, (TimeSpan?)null);
}
