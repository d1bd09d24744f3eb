// shape: Lua keeps KEYS[1] in a local and converts ARGV[1] with tonumber for the TTL
// expect: none
// why: the key comes from KEYS; ARGV is only a number
using StackExchange.Redis;

namespace Corpus.Safe.LuaTonumberArgv;

public sealed class TtlScript(IDatabase db)
{
    private const string Touch = @"
local k = KEYS[1]
local ttl = tonumber(ARGV[1])
return redis.call('pexpire', k, ttl)";

    public RedisResult Touch30(string key) => db.ScriptEvaluate(Touch, new RedisKey[] { key }, new RedisValue[] { 30000 });
}
