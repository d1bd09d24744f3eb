// shape: List.ForEach(async ...) in a method that holds no lock (a bug of its own, but not a lock outliving its release)
// expect: none
// why: nothing is released while the work runs; the lock rules have nothing to say here
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Corpus.Safe.AsyncForEachOutsideLock;

public sealed class Notifier
{
    public void NotifyAll(List<string> users, Func<string, Task> notify) => users.ForEach(async user => await notify(user));
}
