// shape: LockTake in a factory; the returned handle (primary constructor) deletes the key in Dispose
// expect: LSM004
// why: Dispose runs even when the lease has expired and been taken over; a bare DEL frees someone else's lock
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.PrimaryCtorHandle;

public sealed class Locker(IDatabase db)
{
    public Releaser? Take(string name)
    {
        var token = Guid.NewGuid().ToString();
        return db.LockTake(name, token, TimeSpan.FromSeconds(10)) ? new Releaser(db, name) : null;
    }
}

public sealed class Releaser(IDatabase db, string lockName) : IDisposable
{
    public void Dispose() => db.KeyDelete(lockName);
}
