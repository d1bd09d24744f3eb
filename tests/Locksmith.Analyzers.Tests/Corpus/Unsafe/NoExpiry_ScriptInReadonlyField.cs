// shape: a Lua acquire script kept in a static readonly (not const) field: SET NX without PX
// expect: LSM001
// why: the script takes the lock with no expiry, so it stays forever if the holder dies
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ScriptInReadonlyField;

public sealed class ScriptLock(IDatabase db)
{
    private static readonly string AcquireScript =
        "return redis.call('set', KEYS[1], ARGV[1], 'NX')";

    public Task<RedisResult> TakeAsync(string key, string token) =>
        db.ScriptEvaluateAsync(AcquireScript, new RedisKey[] { key }, new RedisValue[] { token });
}
