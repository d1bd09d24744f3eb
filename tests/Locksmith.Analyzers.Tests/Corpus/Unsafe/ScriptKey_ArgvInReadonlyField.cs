// shape: a prepared LuaScript in a static readonly field, text in another readonly field, passing the key in ARGV
// expect: LSM014
// why: ARGV[1] used as the key of PEXPIRE; the key must come in through KEYS
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ArgvInReadonlyField;

public sealed class Extender(IDatabase db)
{
    private static readonly string ExtendText = "return redis.call('pexpire', ARGV[1], ARGV[2])";

    public Task<RedisResult> ExtendAsync(string key, long ms) =>
        db.ScriptEvaluateAsync(ExtendText, values: new RedisValue[] { key, ms });
}
