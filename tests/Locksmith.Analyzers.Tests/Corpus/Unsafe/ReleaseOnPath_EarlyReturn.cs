// shape: LockTake, then an early return on a validation failure before the LockRelease at the end of the method
// expect: LSM005
// why: the early return (or any exception) skips the release; the lock stays held until its TTL
using System;
using StackExchange.Redis;

namespace Corpus.Unsafe.EarlyReturn;

public sealed class Importer(IDatabase db)
{
    public bool Import(string file, string token)
    {
        if (!db.LockTake("import", token, TimeSpan.FromSeconds(60)))
        {
            return false;
        }

        if (file.Length == 0)
        {
            return false;
        }

        Console.WriteLine("importing " + file);
        db.LockRelease("import", token);
        return true;
    }
}
