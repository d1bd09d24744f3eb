// shape: extension methods AcquireLockAsync/ReleaseLockAsync; the key comes from a separate static LockKeys.For helper
// expect: LSM004
// why: the helper lives in another class, but both sides name the same key and the release does not check the owner
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.KeyHelperInStaticClass;

public static class LockKeys
{
    public static string For(string resource) => "app:locks:" + resource;
}

public static class LockExtensions
{
    public static Task<bool> AcquireLockAsync(this IDatabase db, string resource, string owner) =>
        db.StringSetAsync(LockKeys.For(resource), owner, TimeSpan.FromSeconds(30), When.NotExists);

    public static Task<bool> ReleaseLockAsync(this IDatabase db, string resource) => db.KeyDeleteAsync(LockKeys.For(resource));
}
