// shape: a type that locks "session-lock:{id}" also persists and expires "session:{id}" data keys
// expect: none
// why: the TTL changes touch the session data, not the lock key
using System;
using StackExchange.Redis;

namespace Corpus.Safe.PersistNonLockKey;

public sealed class Sessions(IDatabase db)
{
    private readonly string token = Guid.NewGuid().ToString();

    public void Pin(string id)
    {
        if (!db.LockTake($"session-lock:{id}", token, TimeSpan.FromSeconds(5)))
        {
            return;
        }

        try
        {
            db.KeyPersist($"session:{id}");
            db.KeyExpire($"session:{id}:tmp", TimeSpan.Zero);
        }
        finally
        {
            db.LockRelease($"session-lock:{id}", token);
        }
    }
}
