// shape: a StringBuilder assembles one DEL line per key, then the text is evaluated
// expect: LSM013
// why: a new script for every key count; use a fixed script that loops over KEYS
using System.Text;
using StackExchange.Redis;

namespace Corpus.Unsafe.StringBuilderScript;

public sealed class BulkRelease(IDatabase db)
{
    public RedisResult Release(RedisKey[] keys)
    {
        var script = new StringBuilder();
        for (var i = 1; i <= keys.Length; i++)
        {
            script.Append("redis.call('del', KEYS[").Append(i).Append("])\n");
        }

        return db.ScriptEvaluate(script.ToString(), keys);
    }
}
