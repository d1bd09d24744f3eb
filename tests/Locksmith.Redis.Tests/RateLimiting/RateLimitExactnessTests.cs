using System.Globalization;
using Locksmith.Redis.Tests.Faults;

namespace Locksmith.Redis.Tests.RateLimiting;

/// <summary>
/// Four real processes, with clocks skewed apart, hammer one sliding-window limit on one redis-server; the grants'
/// server times prove the budget held exactly.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RateLimitExactnessTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private const int Limit = 20;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Run = TimeSpan.FromMilliseconds(3300);

    [Fact]
    public async Task Four_processes_hammering_one_key_admit_exactly_the_budget_per_window()
    {
        var key = "exact:" + Guid.NewGuid().ToString("N")[..8];
        var processes = new List<TestProgram>();
        try
        {
            // Clocks 0, +700, -700 and +1500 ms apart: a decision on the client's clock would let the processes disagree.
            foreach (var skewMs in new[] { 0, 700, -700, 1500 })
            {
                processes.Add(TestProgram.Start(
                    "Locksmith.Redis.Holder", "hammer", fixture.Server.EndPoint, key, Str(Limit), Str((int)Window.TotalMilliseconds), Str((int)Run.TotalMilliseconds), Str(skewMs)));
            }

            foreach (var process in processes)
            {
                await process.ExpectAsync("ready", TimeSpan.FromSeconds(30));
            }

            await Task.WhenAll(processes.Select(p => p.WriteLineAsync("go")));
            var reports = await Task.WhenAll(processes.Select(p => p.ExpectAsync("granted", TimeSpan.FromSeconds(30))));
            var perProcess = reports.Select(r => r["granted ".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList()).ToList();
            Assert.All(perProcess, grants => Assert.NotEmpty(grants));
            var grants = perProcess.SelectMany(g => g).Order().ToList();
            var windowUs = Window.Ticks / 10;

            // No window of the limit's length, wherever it starts, holds more than the limit: the (Limit+1)-th grant after
            // any grant comes at least one window later.
            for (var i = 0; i + Limit < grants.Count; i++)
            {
                Assert.True(grants[i + Limit] - grants[i] >= windowUs,
                    $"Grants {i} and {i + Limit} are {grants[i + Limit] - grants[i]} µs apart: {Limit + 1} permits fell inside one {Window.TotalMilliseconds} ms window.");
            }

            // And the budget is used: every whole window from the first grant admitted it, within one permit.
            var counts = grants.GroupBy(t => (t - grants[0]) / windowUs).ToDictionary(g => g.Key, g => g.Count());
            var whole = (grants[^1] - grants[0]) / windowUs;
            Assert.True(whole >= 2, $"The run covered only {whole} whole windows.");
            for (var w = 0L; w < whole; w++)
            {
                Assert.InRange(counts.GetValueOrDefault(w), Limit - 1, Limit);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
