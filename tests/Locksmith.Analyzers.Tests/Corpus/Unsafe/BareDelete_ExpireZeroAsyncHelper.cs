// shape: async release by KeyExpireAsync(LockKey(id), TimeSpan.FromSeconds(0)) with the key from a helper
// expect: LSM004
// why: expiring now is deleting now; the owner is never checked
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ExpireZeroAsyncHelper;

public sealed class TenantLock(IDatabase db)
{
    private readonly RedisValue token = Guid.NewGuid().ToString();

    private static RedisKey LockKey(int tenant) => $"tenant:{tenant}:lock";

    public Task<bool> LockAsync(int tenant) => db.LockTakeAsync(LockKey(tenant), token, TimeSpan.FromSeconds(30));

    public Task<bool> UnlockAsync(int tenant) => db.KeyExpireAsync(LockKey(tenant), TimeSpan.FromSeconds(0));
}
