// shape: Lua copies KEYS[1] into a local and ARGV[1] into another; the key local is the one passed to redis.call
// expect: none
// why: the key still comes from KEYS; the ARGV local is only compared as a value
using StackExchange.Redis;

namespace Corpus.Safe.LuaLocalFromKeys;

public sealed class LocalsScript(IDatabase db)
{
    private const string ReleaseScript = @"
local k = KEYS[1]
local expected = ARGV[1]
if redis.call('get', k) == expected then
  return redis.call('del', k)
end
return 0";

    public RedisResult Release(string key, string token) =>
        db.ScriptEvaluate(ReleaseScript, new RedisKey[] { key }, new RedisValue[] { token });
}
