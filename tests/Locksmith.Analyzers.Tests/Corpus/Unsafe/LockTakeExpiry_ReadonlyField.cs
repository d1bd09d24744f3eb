// shape: the lock TTL is a static readonly field initialised to TimeSpan.MaxValue, named as if it were a setting
// expect: LSM002
// why: the value is still infinite; the name only hides it from a reader
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.LockTakeReadonlyField;

public sealed class Scheduler(IDatabase db)
{
    private static readonly TimeSpan LockTtl = TimeSpan.MaxValue;

    public bool Claim(string slot, string token) => db.LockTake("slot:" + slot, token, LockTtl);
}
