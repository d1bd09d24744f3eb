// shape: string.Format fills the TTL into a release-and-renew script
// expect: LSM013
// why: the script text changes with the value; pass the TTL as ARGV
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.DynamicScriptFormat;

public sealed class Renewer(IDatabase db)
{
    public Task<RedisResult> RenewAsync(string key, string token, int ms) =>
        db.ScriptEvaluateAsync(
            string.Format("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], {0}) end return 0", ms),
            new RedisKey[] { key }, new RedisValue[] { token });
}
