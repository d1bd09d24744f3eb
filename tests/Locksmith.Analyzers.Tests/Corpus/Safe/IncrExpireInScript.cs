// shape: INCR and EXPIRE done together in one constant Lua script
// expect: none
// why: a script runs atomically; the key always gets its TTL
using StackExchange.Redis;

namespace Corpus.Safe.IncrExpireInScript;

public sealed class ScriptGate(IDatabase db)
{
    private const string Enter = "local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n";

    public bool TryEnter(string key) => (long)db.ScriptEvaluate(Enter, new RedisKey[] { key }, new RedisValue[] { 10000 }) == 1;
}
