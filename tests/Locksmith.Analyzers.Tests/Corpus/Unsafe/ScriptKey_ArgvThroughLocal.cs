// shape: a release script copies ARGV[1] into a local and then deletes the key that local names
// expect: LSM014
// why: the key reaches redis.call through ARGV, so Cluster cannot route the script to the key's node
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ArgvThroughLocal;

public sealed class ArgvRelease(IDatabase db)
{
    private const string Script = @"
local lockKey = ARGV[1]
local owner = ARGV[2]
if redis.call('get', lockKey) == owner then
  return redis.call('del', lockKey)
end
return 0";

    public Task<RedisResult> ReleaseAsync(string key, string token) =>
        db.ScriptEvaluateAsync(Script, values: new RedisValue[] { key, token });
}
