using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Locksmith.Redis.Candidate;

[ClusterSingleton("sweeper")]
internal sealed class Sweeper(IConnectionMultiplexer redis, FencedHistory history) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var term = LeaderElection.Current!.Term;
        Console.WriteLine($"leading {term}");
        using var cancelled = stoppingToken.Register(() => Console.WriteLine($"cancelled {term}"));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!await history.TryAppendAsync(redis.GetDatabase(), term))
                    {
                        Console.WriteLine($"rejected {term}");
                    }
                }
                catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
                {
                    // Cut off from Redis: the lease's local deadline, not this error, decides when to stop.
                }

                await Task.Delay(20, stoppingToken);
            }
        }
        finally
        {
            Console.WriteLine($"stopped {term}");
        }
    }
}
