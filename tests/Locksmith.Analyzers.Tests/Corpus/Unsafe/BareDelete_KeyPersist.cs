// shape: KeyPersistAsync on the lock key to stop it expiring during a long job
// expect: LSM004
// why: the key loses its TTL; a crashed holder now blocks everyone forever, and the call does not check the owner
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.KeyPersist;

public sealed class MigrationLock(IDatabase db)
{
    private readonly string owner = Guid.NewGuid().ToString();

    private static string KeyOf(string name) => "migration:" + name;

    public Task<bool> BeginAsync(string name) => db.StringSetAsync(KeyOf(name), owner, TimeSpan.FromSeconds(30), When.NotExists);

    public Task<bool> HoldAsync(string name) => db.KeyPersistAsync(KeyOf(name));
}
