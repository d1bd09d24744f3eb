// shape: the key is computed once in the constructor into a readonly field; LockTakeAsync to take, KeyDeleteAsync to free
// expect: LSM004
// why: after a long GC pause the TTL may have expired and someone else may own the key; the delete removes their lock
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.CtorParamField;

public sealed class JobGate
{
    private readonly IDatabase db;
    private readonly RedisKey key;
    private readonly RedisValue token = Guid.NewGuid().ToString();

    public JobGate(IDatabase db, string jobName)
    {
        this.db = db;
        key = "gate:" + jobName;
    }

    public Task<bool> OpenAsync() => db.LockTakeAsync(key, token, TimeSpan.FromSeconds(30));

    public Task CloseAsync() => db.KeyDeleteAsync(key);
}
