// shape: prepared script whose @key is bound to a RedisKey field of the class
// expect: none
// why: a RedisKey member travels as KEYS
using StackExchange.Redis;

namespace Corpus.Safe.PreparedRedisKeyFromField;

public sealed class FieldKey(IDatabase db)
{
    private static readonly LuaScript Extend =
        LuaScript.Prepare("if redis.call('get', @key) == @token then return redis.call('pexpire', @key, @ms) end return 0");

    private readonly RedisKey key = "field-key-lock";

    public RedisResult Renew(string token) => Extend.Evaluate(db, new { key, token, ms = 30000 });
}
