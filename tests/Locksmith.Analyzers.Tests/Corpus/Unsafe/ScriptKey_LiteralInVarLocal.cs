// shape: the script sits in a var local (not const) and names its lock key as a literal
// expect: LSM014
// why: a key written inside the script is invisible to Cluster routing and ACLs
using StackExchange.Redis;

namespace Corpus.Unsafe.LiteralInVarLocal;

public sealed class GlobalLock(IDatabase db)
{
    public RedisResult Take(string token)
    {
        var script = "return redis.call('set', 'global-lock', ARGV[1], 'NX', 'PX', 30000)";
        return db.ScriptEvaluate(script, values: new RedisValue[] { token });
    }
}
