// shape: SET NX PX through StringSetAsync, release by a constant compare-and-delete script over KEYS/ARGV
// expect: none
// why: the key expires, and the script deletes only our own token atomically
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.SetNxCompareAndDeleteScript;

public sealed class ScriptedLock(IDatabase db)
{
    private const string Release = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
    private readonly string token = Guid.NewGuid().ToString();

    private static string LockKey(string id) => "scripted:" + id;

    public Task<bool> TakeAsync(string id) => db.StringSetAsync(LockKey(id), token, TimeSpan.FromSeconds(10), When.NotExists);

    public Task<RedisResult> ReleaseAsync(string id) =>
        db.ScriptEvaluateAsync(Release, new RedisKey[] { LockKey(id) }, new RedisValue[] { token });
}
