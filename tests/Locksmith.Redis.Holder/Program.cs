// Usage: Locksmith.Redis.Holder <redis endpoint> <lock key> <ttl ms> <resource key> [<semaphore permits> | read]
// Prints "held <fencing token>", then "lost" when the lease is lost; each stdin line "write <value>" answers
// "write ok" or "write rejected" (a fenced write to <resource key>). With a permit count it holds one permit of the
// semaphore <lock key> instead of the lock (fencing token 0); with "read" it holds the read lock of the reader-writer lock
// <lock key> (fencing token 0).
// Usage: Locksmith.Redis.Holder hammer ... : see RateHammer.
using Locksmith;
using Locksmith.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

if (args[0] == "hammer")
{
    await Locksmith.Redis.Holder.RateHammer.RunAsync(args[1..]);
    return;
}

var (endpoint, key, ttl, resource) = (args[0], args[1], TimeSpan.FromMilliseconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)), args[3]);
await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(redis)).BuildServiceProvider();
var locks = services.GetRequiredService<ILockProvider>();

await using ILease lease = args.Length > 4 && args[4] == "read"
    ? await services.GetRequiredService<IReaderWriterLockProvider>().AcquireReadAsync(key, new LockOptions { Ttl = ttl })
    : args.Length > 4
    ? await services.GetRequiredService<ISemaphoreProvider>().AcquireAsync(key, int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), new SemaphoreOptions { Ttl = ttl })
    : await locks.AcquireAsync(key, new LockOptions { Ttl = ttl, Fencing = true });
var fencingToken = lease is ILockLease held ? held.FencingToken : 0;
lease.LostToken.Register(() => Console.WriteLine("lost"));
Console.WriteLine($"held {fencingToken}");

while (Console.ReadLine() is { } line)
{
    if (line.StartsWith("write ", StringComparison.Ordinal))
    {
        var written = await FencedRedisValue.TrySetAsync(redis.GetDatabase(), resource, line[6..], fencingToken);
        Console.WriteLine(written ? "write ok" : "write rejected");
    }
}
