// shape: the lock is "released" by setting its TTL to zero with KeyExpire(key, TimeSpan.Zero)
// expect: LSM004
// why: a zero TTL deletes the key immediately, whoever holds it; it is a bare delete under another name
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.ExpireZero;

public sealed class ExportLock(IDatabase db)
{
    private const string Key = "export:running";
    private readonly string token = Guid.NewGuid().ToString();

    public bool Begin() => db.StringSet(Key, token, TimeSpan.FromMinutes(5), When.NotExists);

    public void End() => db.KeyExpire(Key, TimeSpan.Zero);
}
