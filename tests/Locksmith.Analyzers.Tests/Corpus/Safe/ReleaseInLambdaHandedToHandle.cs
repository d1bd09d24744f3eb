// shape: LockTake returns a disposable handle built from a lambda that calls LockRelease
// expect: none
// why: the release is the handle's job; the caller disposes it, so this method has no path that skips it
using System;
using StackExchange.Redis;

namespace Corpus.Safe.ReleaseInLambdaHandedToHandle;

public sealed class ActionDisposable(Action onDispose) : IDisposable
{
    public void Dispose() => onDispose();
}

public sealed class Locks(IDatabase db)
{
    public IDisposable? TryTake(string key)
    {
        var token = Guid.NewGuid().ToString();
        if (!db.LockTake(key, token, TimeSpan.FromSeconds(15)))
        {
            return null;
        }

        return new ActionDisposable(() => db.LockRelease(key, token));
    }
}
