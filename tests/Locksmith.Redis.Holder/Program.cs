// Usage: Locksmith.Redis.Holder <redis endpoint> <lock key> <ttl ms> <resource key>
// Prints "held <fencing token>", then "lost" when the lease is lost; each stdin line "write <value>" answers
// "write ok" or "write rejected" (a fenced write to <resource key>).
using Locksmith;
using Locksmith.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

var (endpoint, key, ttl, resource) = (args[0], args[1], TimeSpan.FromMilliseconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)), args[3]);
await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(redis)).BuildServiceProvider();
var locks = services.GetRequiredService<ILockProvider>();

await using var lease = await locks.AcquireAsync(key, new LockOptions { Ttl = ttl, Fencing = true });
lease.LostToken.Register(() => Console.WriteLine("lost"));
Console.WriteLine($"held {lease.FencingToken}");

while (Console.ReadLine() is { } line)
{
    if (line.StartsWith("write ", StringComparison.Ordinal))
    {
        var written = await FencedRedisValue.TrySetAsync(redis.GetDatabase(), resource, line[6..], lease.FencingToken);
        Console.WriteLine(written ? "write ok" : "write rejected");
    }
}
