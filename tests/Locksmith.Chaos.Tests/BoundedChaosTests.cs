using System.Globalization;
using Locksmith.Chaos.Orchestration;
using Locksmith.Chaos.Schedule;
using Xunit.Abstractions;

namespace Locksmith.Chaos.Tests;

/// <summary>
/// The bounded chaos runs of ./test.sh. Leases: 4 lock and 3 semaphore client processes, 40 s of faults on one server,
/// then 25 s on Redlock. Queues: a producer and 4 consumer processes in two groups, 25 s on Redis Streams, then 20 s on
/// Kafka's mock cluster. The seed is random unless LOCKSMITH_CHAOS_SEED sets it; a failure prints it, and the long run
/// replays it: Locksmith.Chaos.Runner.dll --seed N --topology single|redlock --phase-seconds 40 (add --queues and
/// --transport redis|kafka for the queue phases). One class, so the two runs never share the machine's cores.
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

    /// <summary>
    /// [QueuedBy] producer and consumer processes in two groups: 25 s of faults on Redis Streams (seed), then 20 s on
    /// Kafka's mock cluster (seed + 1). Replay a phase with Locksmith.Chaos.Runner.dll --queues --seed N --transport
    /// redis|kafka --phase-seconds 25 --minutes 0.1.
    /// </summary>
    [Fact]
    public async Task Queues_keep_their_promises_under_a_seeded_fault_schedule()
    {
        var seed = Environment.GetEnvironmentVariable("LOCKSMITH_CHAOS_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next(1, 1_000_000);
        output.WriteLine($"seed {seed} (set LOCKSMITH_CHAOS_SEED={seed} to replay)");
        var reports = new List<QueueChaosReport>();
        foreach (var (transport, seconds, offset) in new[] { (QueueTransport.Redis, 25, 0), (QueueTransport.Kafka, 20, 1) })
        {
            var report = await QueueChaosPhase.RunAsync(new QueueChaosOptions
            {
                Seed = seed + offset,
                Transport = transport,
                Duration = TimeSpan.FromSeconds(seconds),
                DrainTimeout = TimeSpan.FromSeconds(20),
                Log = output.WriteLine,
            });
            output.WriteLine(report.ToString());
            reports.Add(report);
        }

        Assert.All(reports, r => Assert.True(r.Result.Acknowledged > 100 && r.Result.Completions > 100, $"Too little happened to judge:{Environment.NewLine}{r}"));
        Assert.True(reports.All(r => r.Passed), $"seed {seed}:{Environment.NewLine}{string.Join(Environment.NewLine, reports)}");
    }
}
