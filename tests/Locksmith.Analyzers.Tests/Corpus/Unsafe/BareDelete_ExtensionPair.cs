// shape: a pair of extension methods, TryLockAsync(name) and UnlockAsync(name), on IDatabase
// expect: LSM004
// why: UnlockAsync has no token to compare; it removes any holder's key
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ExtensionPair;

public static class LockingExtensions
{
    public static Task<bool> TryLockAsync(this IDatabase db, string name, string holder) =>
        db.StringSetAsync("locks:" + name, holder, TimeSpan.FromSeconds(15), When.NotExists);

    public static Task<bool> UnlockAsync(this IDatabase db, string name) => db.KeyDeleteAsync("locks:" + name);
}
