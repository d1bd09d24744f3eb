// shape: handle type holding key and token; Dispose runs a constant compare-and-delete script
// expect: none
// why: the compare and the delete are one atomic script over KEYS[1]/ARGV[1]
using System;
using StackExchange.Redis;

namespace Corpus.Safe.HandleDeletesWithScript;

public sealed class Factory(IDatabase db)
{
    public ScriptHandle? Take(string key)
    {
        var token = Guid.NewGuid().ToString();
        return db.LockTake(key, token, TimeSpan.FromSeconds(10)) ? new ScriptHandle(db, key, token) : null;
    }
}

public sealed class ScriptHandle : IDisposable
{
    private const string Release = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
    private readonly IDatabase db;
    private readonly string key;
    private readonly string token;

    public ScriptHandle(IDatabase db, string key, string token)
    {
        this.db = db;
        this.key = key;
        this.token = token;
    }

    public void Dispose() => db.ScriptEvaluate(Release, new RedisKey[] { key }, new RedisValue[] { token });
}
