// shape: acquisition goes through a KeyFor(name) helper, the release spells the same key out with interpolation
// expect: LSM004
// why: the same key, written two ways; the release deletes it whoever holds it now
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.HelperKeyOneSide;

public sealed class ReportMutex
{
    private readonly IDatabase db;
    private readonly string me = Environment.MachineName;

    public ReportMutex(IDatabase db) => this.db = db;

    private static string KeyFor(string name)
    {
        return $"mutex:{name}";
    }

    public bool Enter(string name) => db.LockTake(KeyFor(name), me, TimeSpan.FromMinutes(1));

    public void Exit(string name) => db.KeyDelete($"mutex:{name}");
}
