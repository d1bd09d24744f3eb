// shape: a lock class builds its key with a private LockKey(id) helper; SET NX to take, KeyDeleteAsync to release
// expect: LSM004
// why: the delete does not compare the token, so a holder whose TTL ran out deletes the next holder's lock
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.HelperKeyBothSides;

public sealed class InvoiceLock(IDatabase redis)
{
    private readonly string owner = Guid.NewGuid().ToString("N");

    private static string LockKey(string invoiceId) => "invoice-lock:" + invoiceId;

    public Task<bool> TryTakeAsync(string invoiceId) =>
        redis.StringSetAsync(LockKey(invoiceId), owner, TimeSpan.FromSeconds(20), When.NotExists);

    public Task<bool> ReleaseAsync(string invoiceId) => redis.KeyDeleteAsync(LockKey(invoiceId));
}
