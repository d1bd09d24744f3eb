// shape: a nested Handle class inside the lock service, created with the key; its Release deletes the key
// expect: LSM004
// why: the handle keeps the key but not the token, so it cannot release safely and deletes blindly
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.NestedHandle;

public sealed class DistributedLocks
{
    private readonly IDatabase db;

    public DistributedLocks(IDatabase db) => this.db = db;

    public async Task<Handle?> TryLockAsync(string id)
    {
        var key = $"dl:{id}";
        if (!await db.LockTakeAsync(key, Environment.ProcessId, TimeSpan.FromSeconds(30)))
        {
            return null;
        }

        return new Handle(db, key);
    }

    public sealed class Handle
    {
        private readonly IDatabase db;
        private readonly string key;

        internal Handle(IDatabase db, string key)
        {
            this.db = db;
            this.key = key;
        }

        public Task ReleaseAsync() => db.KeyDeleteAsync(key);
    }
}
