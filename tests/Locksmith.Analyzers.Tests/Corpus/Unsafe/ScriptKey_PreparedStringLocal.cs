// shape: prepared compare-and-delete in a local, parameters object built from a string variable
// expect: LSM014
// why: @lockKey is bound to a string, so it travels as ARGV; declare it RedisKey
using StackExchange.Redis;

namespace Corpus.Unsafe.PreparedStringLocal;

public sealed class PreparedRelease(IDatabase db)
{
    public RedisResult Release(string lockKey, string token)
    {
        var release = LuaScript.Prepare(
            "if redis.call('get', @lockKey) == @token then return redis.call('del', @lockKey) else return 0 end");
        return db.ScriptEvaluate(release, new { lockKey, token });
    }
}
