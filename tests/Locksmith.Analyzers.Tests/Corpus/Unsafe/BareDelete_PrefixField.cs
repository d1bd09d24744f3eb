// shape: the key is a configurable prefix field plus the resource id; LockTake then KeyDelete
// expect: LSM004
// why: the same unconditional delete, with the key split between a field and a parameter
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.PrefixField;

public sealed class PrefixedLock(IDatabase db, string prefix)
{
    private readonly string prefix = prefix;
    private readonly string token = Guid.NewGuid().ToString();

    public bool Take(string id) => db.LockTake(prefix + id, token, TimeSpan.FromSeconds(20));

    public bool Drop(string id) => db.KeyDelete(prefix + id);
}
