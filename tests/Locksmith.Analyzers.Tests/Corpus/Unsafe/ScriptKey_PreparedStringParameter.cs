// shape: LuaScript.Prepare with @key and @value, evaluated with an anonymous object whose key member is a string
// expect: LSM014
// why: SE.Redis sends a string member as ARGV and only RedisKey members as KEYS; the script's key escapes KEYS
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.PreparedStringParameter;

public sealed class PreparedLock(IDatabase db)
{
    private static readonly LuaScript Acquire =
        LuaScript.Prepare("return redis.call('set', @key, @value, 'NX', 'PX', 10000)");

    public Task<RedisResult> TakeAsync(string name, string token) =>
        Acquire.EvaluateAsync(db, new { key = "lock:" + name, value = token });
}
