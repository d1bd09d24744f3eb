// shape: LockTake in a factory, the handle a positional record whose Dispose deletes its Key property
// expect: LSM004
// why: the record carries the key but not the token; Dispose deletes whoever's lock is there now
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.RecordHandle;

public sealed record LockHandle(IDatabase Db, string Key) : IDisposable
{
    public void Dispose() => Db.KeyDelete(Key);
}

public sealed class LockFactory(IDatabase db)
{
    public LockHandle? TryTake(string key) =>
        db.LockTake(key, Environment.MachineName, TimeSpan.FromSeconds(20)) ? new LockHandle(db, key) : null;
}
