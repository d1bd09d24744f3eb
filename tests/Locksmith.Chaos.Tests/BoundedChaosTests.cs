using System.Globalization;
using Locksmith.Chaos.Orchestration;
using Locksmith.Chaos.Schedule;
using Xunit.Abstractions;

namespace Locksmith.Chaos.Tests;

/// <summary>
/// The bounded chaos run of ./test.sh: 4 lock and 3 semaphore client processes, 40 s of faults on one server, then
/// 25 s on Redlock. The seed is random unless LOCKSMITH_CHAOS_SEED sets it; a failure prints it, and the long run
/// replays it: Locksmith.Chaos.Runner.dll --seed N --topology single|redlock --phase-seconds 40.
/// </summary>
public class BoundedChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Leases_keep_their_invariants_under_a_seeded_fault_schedule()
    {
        var seed = Environment.GetEnvironmentVariable("LOCKSMITH_CHAOS_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next(1, 1_000_000);
        output.WriteLine($"seed {seed} (set LOCKSMITH_CHAOS_SEED={seed} to replay)");
        var reports = new List<ChaosReport>();
        foreach (var (topology, seconds, offset) in new[] { (Topology.OneServer, 40, 0), (Topology.Redlock, 25, 1) })
        {
            var report = await ChaosPhase.RunAsync(new ChaosOptions
            {
                Seed = seed + offset,
                Topology = topology,
                Duration = TimeSpan.FromSeconds(seconds),
                Log = output.WriteLine,
            });
            output.WriteLine(report.ToString());
            reports.Add(report);
        }

        Assert.All(reports, r => Assert.True(r.Check.OperationsChecked > 50, $"Too little happened to judge:{Environment.NewLine}{r}"));
        Assert.True(reports.All(r => r.Passed), $"seed {seed}:{Environment.NewLine}{string.Join(Environment.NewLine, reports)}");
    }
}
