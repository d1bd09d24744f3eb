// shape: LuaScript.Prepare on an interpolated string that inserts the prefix of the key
// expect: LSM013
// why: the prefix belongs in KEYS; as code it multiplies cached scripts
using StackExchange.Redis;

namespace Corpus.Unsafe.PrepareInterpolated;

public sealed class PrefixScripts
{
    public static LuaScript Release(string prefix) =>
        LuaScript.Prepare($"if redis.call('get', '{prefix}' .. @id) == @token then return redis.call('del', '{prefix}' .. @id) end return 0");
}
