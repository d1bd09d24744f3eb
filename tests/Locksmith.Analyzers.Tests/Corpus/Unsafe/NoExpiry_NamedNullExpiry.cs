// shape: StringSetAsync(key, token, expiry: null, when: When.NotExists), named arguments
// expect: LSM001
// why: an explicit null expiry is no expiry
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.NamedNullExpiry;

public sealed class NamedArgs(IDatabase db)
{
    public Task<bool> TakeAsync(string key, string token) =>
        db.StringSetAsync(key, token, expiry: null, when: When.NotExists);
}
