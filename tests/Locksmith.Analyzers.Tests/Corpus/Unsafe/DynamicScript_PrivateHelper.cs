// shape: the Lua text is produced by a private BuildScript(field) helper using interpolation
// expect: LSM013
// why: every distinct field name is a new script in Redis's cache, and the spliced value can inject Lua
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.DynamicScriptHelper;

public sealed class Counters(IDatabase db)
{
    private static string BuildScript(string field) =>
        $"return redis.call('hincrby', KEYS[1], '{field}', 1)";

    public Task<RedisResult> BumpAsync(string key, string field) =>
        db.ScriptEvaluateAsync(BuildScript(field), new RedisKey[] { key });
}
