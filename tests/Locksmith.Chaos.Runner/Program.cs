// The long chaos run: dotnet tests/Locksmith.Chaos.Runner/bin/Release/net10.0/Locksmith.Chaos.Runner.dll --minutes 30 --seed 123
// Phases of --phase-seconds (default 120) of faults alternate between one server and Redlock (or --topology single|redlock),
// the n-th phase with seed + n. Prints each phase's report and the totals; exits 1 when any invariant broke.
// With --queues, the phases run [QueuedBy] producers and consumers instead, alternating Redis Streams and Kafka's mock
// cluster (or --transport redis|kafka).
using System.Globalization;
using Locksmith.Chaos.History;
using Locksmith.Chaos.Orchestration;
using Locksmith.Chaos.Schedule;

var queues = args.Contains("--queues");
QueueTransport[] transports = Arg("--transport") switch
{
    "redis" => [QueueTransport.Redis],
    "kafka" => [QueueTransport.Kafka],
    _ => [QueueTransport.Redis, QueueTransport.Kafka],
};
var minutes = double.Parse(Arg("--minutes") ?? "2", CultureInfo.InvariantCulture);
var seed = int.Parse(Arg("--seed") ?? Random.Shared.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var phaseLength = TimeSpan.FromSeconds(double.Parse(Arg("--phase-seconds") ?? "120", CultureInfo.InvariantCulture));
Topology[] topologies = Arg("--topology") switch
{
    "single" => [Topology.OneServer],
    "redlock" => [Topology.Redlock],
    _ => [Topology.OneServer, Topology.Redlock],
};
var verbose = args.Contains("--verbose");

Console.WriteLine($"chaos run: seed {seed}, {minutes} minute(s), phases of {phaseLength.TotalSeconds:F0} s ({(queues ? "queues on " + string.Join(", ", transports) : string.Join(", ", topologies))})");
var end = DateTime.UtcNow.AddMinutes(minutes);
var injected = new Dictionary<FaultKind, int>();
var (operations, violations, phases) = (0, 0, 0);
while (phases == 0 || DateTime.UtcNow < end)
{
    var left = end - DateTime.UtcNow;
    var duration = left < phaseLength && left > TimeSpan.FromSeconds(20) ? left : phaseLength;
    Action<string> log = verbose ? line => Console.WriteLine("  " + line) : _ => { };
    var (report, faults, check) = queues
        ? await QueuePhaseAsync(new QueueChaosOptions { Seed = seed + phases, Transport = transports[phases % transports.Length], Duration = duration, DrainTimeout = TimeSpan.FromSeconds(45), Log = log })
        : await LeasePhaseAsync(new ChaosOptions { Seed = seed + phases, Topology = topologies[phases % topologies.Length], Duration = duration, Log = log });
    Console.WriteLine($"phase {phases + 1}: {report}");
    foreach (var (kind, count) in faults)
    {
        injected[kind] = injected.GetValueOrDefault(kind) + count;
    }

    operations += check.OperationsChecked;
    violations += check.Violations.Count;
    phases++;
}

Console.WriteLine($"TOTAL after {phases} phase(s), first seed {seed}:");
Console.WriteLine($"faults injected: {injected.Values.Sum()} ({string.Join(", ", injected.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))})");
Console.WriteLine($"operations checked: {operations}");
Console.WriteLine($"violations: {violations}");
return violations == 0 ? 0 : 1;

static async Task<(string, IReadOnlyDictionary<FaultKind, int>, Locksmith.Chaos.Checking.CheckResult)> LeasePhaseAsync(ChaosOptions options)
{
    var report = await ChaosPhase.RunAsync(options);
    return (report.ToString(), report.Injected, report.Check);
}

static async Task<(string, IReadOnlyDictionary<FaultKind, int>, Locksmith.Chaos.Checking.CheckResult)> QueuePhaseAsync(QueueChaosOptions options)
{
    var report = await QueueChaosPhase.RunAsync(options);
    return (report.ToString(), report.Injected, report.Check);
}

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
