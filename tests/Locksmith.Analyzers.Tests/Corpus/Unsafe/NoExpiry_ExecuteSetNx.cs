// shape: raw Execute("SET", key, value, "NX") with the expiry option forgotten
// expect: LSM001
// why: without PX/EX the key never expires
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.ExecuteSetNx;

public sealed class RawLock(IDatabase db)
{
    public bool Take(string key) => !db.Execute("SET", key, Guid.NewGuid().ToString(), "NX").IsNull;
}
