// shape: LockTake(key, token, TimeSpan.MaxValue) to hold a leader lock "as long as we run"
// expect: LSM002
// why: an infinite lease survives the crash of the leader; nobody else can ever lead
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.LockTakeMaxValue;

public sealed class Leader(IDatabase db)
{
    public bool TryLead() => db.LockTake("leader", Environment.MachineName, TimeSpan.MaxValue);
}
