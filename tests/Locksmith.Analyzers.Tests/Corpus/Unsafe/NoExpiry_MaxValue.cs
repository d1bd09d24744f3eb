// shape: SET NX with TimeSpan.MaxValue as the expiry, meant as "hold until released"
// expect: LSM001
// why: a TTL of ten thousand years is no TTL; if the holder dies the lock is never freed
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.MaxValue;

public sealed class SingletonJob(IDatabase db)
{
    public Task<bool> ClaimAsync(string job) =>
        db.StringSetAsync("singleton:" + job, Environment.MachineName, TimeSpan.MaxValue, When.NotExists);
}
