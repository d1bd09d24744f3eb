// shape: raw command release, Execute("DEL", key), with the key from a helper method
// expect: LSM004
// why: DEL through Execute is the same unconditional delete as KeyDelete
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.ExecuteDelHelper;

public sealed class SyncLock(IDatabase db)
{
    private readonly string id = Guid.NewGuid().ToString();

    private string Key(string area) => "sync:" + area;

    public bool Acquire(string area) => db.StringSet(Key(area), id, TimeSpan.FromSeconds(60), When.NotExists);

    public void Release(string area) => db.Execute("DEL", Key(area));
}
