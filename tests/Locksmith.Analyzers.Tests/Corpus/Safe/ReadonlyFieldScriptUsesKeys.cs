// shape: script text in a static readonly field (not const) that uses KEYS[1] and a TTL in ARGV
// expect: none
// why: keys through KEYS, SET NX with PX: nothing to report even though the text is not const
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Safe.ReadonlyFieldScriptUsesKeys;

public sealed class FieldScript(IDatabase db)
{
    private static readonly string Acquire = "return redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])";

    public Task<RedisResult> TakeAsync(string key, string token) =>
        db.ScriptEvaluateAsync(Acquire, new RedisKey[] { key }, new RedisValue[] { token, 30000 });
}
