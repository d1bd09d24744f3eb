// shape: Lua copies ARGV values into locals and stores them under KEYS[1]
// expect: none
// why: ARGV is used as a value and a TTL, never as a key
using StackExchange.Redis;

namespace Corpus.Safe.LuaArgvLocalAsValue;

public sealed class SetScript(IDatabase db)
{
    private const string Take = @"
local owner = ARGV[1]
local ttl = ARGV[2]
return redis.call('set', KEYS[1], owner, 'NX', 'PX', ttl)";

    public RedisResult TryTake(string key, string token) =>
        db.ScriptEvaluate(Take, new RedisKey[] { key }, new RedisValue[] { token, 15000 });
}
