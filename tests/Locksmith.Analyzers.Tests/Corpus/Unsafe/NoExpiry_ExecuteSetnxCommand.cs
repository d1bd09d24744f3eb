// shape: the legacy SETNX command through Execute, followed by nothing that sets a TTL
// expect: LSM001
// why: SETNX cannot carry an expiry; the lock key is immortal
using StackExchange.Redis;

namespace Corpus.Unsafe.ExecuteSetnxCommand;

public sealed class LegacyLock(IDatabase db)
{
    public bool Take(string name) => (int)db.Execute("SETNX", "legacy:" + name, 1) == 1;
}
