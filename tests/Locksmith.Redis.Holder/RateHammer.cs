using System.Globalization;
using Locksmith.Backends;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Holder;

/// <summary>
/// One of several processes hammering one rate limit, for the exactness test.
/// Usage: hammer &lt;redis endpoint&gt; &lt;key&gt; &lt;limit&gt; &lt;window ms&gt; &lt;run ms&gt; &lt;clock skew ms&gt;.
/// Prints "ready" once connected; on the stdin line "go" runs <c>loops</c> concurrent request loops for the run time,
/// then prints "granted t1,t2,..." with the backend's decision time (server clock, µs) of every permit it was granted.
/// The container's clock is skewed by the given offset, so a backend that decided on the client's clock would disagree
/// with the other processes.
/// </summary>
internal static class RateHammer
{
    private const int Loops = 4;

    public static async Task RunAsync(string[] args)
    {
        var (endpoint, key) = (args[0], args[1]);
        var limit = int.Parse(args[2], CultureInfo.InvariantCulture);
        var window = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));
        var run = TimeSpan.FromMilliseconds(int.Parse(args[4], CultureInfo.InvariantCulture));
        var skew = TimeSpan.FromMilliseconds(int.Parse(args[5], CultureInfo.InvariantCulture));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new SkewedClock(skew));
        await using var container = services.AddLocksmith(b => b.UseRedis(redis)).BuildServiceProvider();

        // The backend's atomic decision is what must be exact: the test reads each grant's server time from it.
        var store = container.GetRequiredService<IRateLimitStore>();
        var policy = new RateLimitPolicy(RateLimitAlgorithm.SlidingWindow, limit, window, limit);
        await store.AcquireAsync(key + ":warm-up", policy, 0, CancellationToken.None);
        Console.WriteLine("ready");
        if (Console.ReadLine() != "go")
        {
            return;
        }

        var granted = new List<long>[Loops];
        var until = DateTime.UtcNow + run;
        await Task.WhenAll(Enumerable.Range(0, Loops).Select(i => Task.Run(async () =>
        {
            granted[i] = [];
            while (DateTime.UtcNow < until)
            {
                var decision = await store.AcquireAsync(key, policy, 1, CancellationToken.None);
                if (decision.Granted)
                {
                    granted[i].Add((decision.DecidedAt - DateTimeOffset.UnixEpoch).Ticks / 10);
                }
            }
        })));
        Console.WriteLine("granted " + string.Join(',', granted.SelectMany(g => g)));
    }

    private sealed class SkewedClock(TimeSpan skew) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + skew;
    }
}
