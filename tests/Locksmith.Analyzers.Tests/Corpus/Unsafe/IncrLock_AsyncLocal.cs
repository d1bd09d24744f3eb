// shape: async INCR into a local, compared with 1, and EXPIRE issued afterwards with the key from a helper
// expect: LSM015
// why: not atomic; if the process dies after INCR the key never expires
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.IncrAsyncLocal;

public sealed class Throttle(IDatabase db)
{
    private static string KeyFor(string user) => $"busy:{user}";

    public async Task<bool> EnterAsync(string user)
    {
        var count = await db.StringIncrementAsync(KeyFor(user));
        if (count != 1)
        {
            return false;
        }

        await db.KeyExpireAsync(KeyFor(user), TimeSpan.FromSeconds(10));
        return true;
    }
}
