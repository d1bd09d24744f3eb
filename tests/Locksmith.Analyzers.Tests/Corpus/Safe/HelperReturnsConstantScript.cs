// shape: script text returned by a private helper as a constant, keys through KEYS
// expect: none
// why: a helper returning constant text builds nothing at run time
using StackExchange.Redis;

namespace Corpus.Safe.HelperReturnsConstantScript;

public sealed class HelperText(IDatabase db)
{
    private static string ExtendText() => "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";

    public RedisResult Extend(string key, string token) =>
        db.ScriptEvaluate(ExtendText(), new RedisKey[] { key }, new RedisValue[] { token, 30000 });
}
