// shape: release of several locks at once through the KeyDelete(RedisKey[]) overload
// expect: LSM004
// why: every key in the array is deleted without an owner check
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.ArrayOverload;

public sealed class PairLock(IDatabase db)
{
    private readonly RedisKey first = "pair:a";
    private readonly RedisKey second = "pair:b";
    private readonly RedisValue me = Guid.NewGuid().ToString();

    public bool Take() =>
        db.LockTake(first, me, TimeSpan.FromSeconds(5)) && db.LockTake(second, me, TimeSpan.FromSeconds(5));

    public long Free() => db.KeyDelete(new[] { first, second });
}
