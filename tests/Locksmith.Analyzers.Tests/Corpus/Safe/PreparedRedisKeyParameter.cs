// shape: LuaScript.Prepare with @key, evaluated with an anonymous object whose key member is a RedisKey
// expect: none
// why: RedisKey members are sent as KEYS, so the key is routed correctly
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.PreparedRedisKeyParameter;

public sealed class PreparedRelease(IDatabase db)
{
    private static readonly LuaScript Release =
        LuaScript.Prepare("if redis.call('get', @key) == @token then return redis.call('del', @key) end return 0");

    public Task<RedisResult> ReleaseAsync(string name, string token) =>
        Release.EvaluateAsync(db, new { key = (RedisKey)("lock:" + name), token });
}
