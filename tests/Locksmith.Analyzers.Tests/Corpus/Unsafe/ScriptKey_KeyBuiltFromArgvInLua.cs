// shape: the script builds its lock key in Lua from a prefix in KEYS and an id in ARGV: KEYS[1] .. ':' .. ARGV[1]
// expect: LSM014
// why: the concatenated key was never declared in KEYS; on Cluster it may hash to another slot than KEYS[1]
using StackExchange.Redis;

namespace Corpus.Unsafe.KeyBuiltFromArgvInLua;

public sealed class SuffixLock(IDatabase db)
{
    private const string Take = @"
local key = KEYS[1] .. ':' .. ARGV[1]
return redis.call('set', key, ARGV[2], 'NX', 'PX', 10000)";

    public RedisResult TryTake(string prefix, string id, string token) =>
        db.ScriptEvaluate(Take, new RedisKey[] { prefix }, new RedisValue[] { id, token });
}
