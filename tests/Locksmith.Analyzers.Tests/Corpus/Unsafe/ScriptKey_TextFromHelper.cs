// shape: the script text comes from a private helper that returns a constant; the script deletes ARGV[1]
// expect: LSM014
// why: the helper hides the text from a reviewer, not the key from Cluster: ARGV used as a key
using StackExchange.Redis;

namespace Corpus.Unsafe.TextFromHelper;

public sealed class HelperScript(IDatabase db)
{
    private static string ReleaseText()
    {
        return "if redis.call('get', ARGV[1]) == ARGV[2] then return redis.call('del', ARGV[1]) end return 0";
    }

    public RedisResult Release(string key, string token) =>
        db.ScriptEvaluate(ReleaseText(), values: new RedisValue[] { key, token });
}
