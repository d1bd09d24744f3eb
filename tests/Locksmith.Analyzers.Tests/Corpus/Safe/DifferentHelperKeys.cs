// shape: a class locks LockKey(id) and deletes CacheKey(id); both helpers, different prefixes
// expect: none
// why: the deleted key is a cache entry, not the lock
using System;
using StackExchange.Redis;

namespace Corpus.Safe.DifferentHelperKeys;

public sealed class ProfileCache(IDatabase db)
{
    private readonly string token = Guid.NewGuid().ToString();

    private static string LockKey(string id) => "profile-lock:" + id;

    private static string CacheKey(string id) => "profile:" + id;

    public bool Refresh(string id)
    {
        if (!db.LockTake(LockKey(id), token, TimeSpan.FromSeconds(5)))
        {
            return false;
        }

        try
        {
            return db.KeyDelete(CacheKey(id));
        }
        finally
        {
            db.LockRelease(LockKey(id), token);
        }
    }
}
