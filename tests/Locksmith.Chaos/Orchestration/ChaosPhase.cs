using Locksmith.Chaos.Checking;
using Locksmith.Chaos.History;
using Locksmith.Chaos.Schedule;
using Locksmith.Testing;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// Runs one phase: servers and proxies up, clients started, the seeded schedule injected, then the settle phase (every
/// fault healed, paused clients resumed, clients stopped after their current body, leases left to expire), the servers
/// inspected and the history checked.
/// </summary>
public static class ChaosPhase
{
    public static async Task<ChaosReport> RunAsync(ChaosOptions options, CancellationToken cancellationToken = default)
    {
        var directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("locksmith-chaos").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var slots = options.LockClients + options.SemaphoreClients;
        var steps = FaultSchedule.Create(options.Seed, options.Topology, slots, options.Duration);
        options.Log($"seed {options.Seed}: {options.Topology}, {steps.Count} faults planned over {options.Duration.TotalSeconds:F0} s");
        await using var cluster = await ChaosCluster.StartAsync(options.Topology, slots);
        await using var clients = ClientSlots.ForLeases(cluster, directory, options.Seed, options.LockClients, options.SemaphoreClients);
        clients.StartAll();
        await WaitForStartAsync(clients, cancellationToken);

        var injector = new FaultInjector(cluster, clients, options.Log);
        await injector.RunAsync(steps, cancellationToken);

        // Settle: heal everything, let the clients work unharmed for a moment, stop them, let leases expire.
        cluster.HealAll();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await clients.StopAllAsync(TimeSpan.FromSeconds(15));
        var history = new ChaosHistory { Ttl = ChaosSettings.SemaphoreTtl, EndedAt = Mono.NowUs() };
        await Task.Delay(ChaosSettings.SemaphoreTtl * 2, cancellationToken);

        foreach (var client in clients.All)
        {
            history.Events.AddRange(EventLog.Read(client.LogPath));
        }

        history.Faults.AddRange(clients.Records);
        history.Faults.AddRange(injector.Records);
        history.Permits[ChaosSettings.SemaphoreKey] = ChaosSettings.SemaphorePermits;
        await ServerInspection.ReadAsync(cluster, history);
        await File.WriteAllLinesAsync(Path.Combine(directory, "faults.txt"), history.Faults.OrderBy(f => f.From).Select(f => $"{f.From} {f.To} {f.Kind} {f.Target}"), cancellationToken);
        var check = new HistoryChecker().Check(history);
        await File.WriteAllLinesAsync(Path.Combine(directory, "violations.txt"), check.Violations.Select(v => v.ToString()), cancellationToken);
        return new ChaosReport(options, injector.Injected, check, history, directory);
    }

    private static Task WaitForStartAsync(ClientSlots clients, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            () => clients.All.All(c => File.Exists(c.LogPath) && EventLog.Read(c.LogPath).Any(e => e.Kind == EventKinds.Acquired)),
            TimeSpan.FromSeconds(60),
            "the chaos clients all to take a lease (see the .stderr files beside their logs)",
            TimeSpan.FromMilliseconds(200),
            cancellationToken);
}
