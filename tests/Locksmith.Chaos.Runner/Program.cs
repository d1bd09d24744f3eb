// The long chaos run: dotnet tests/Locksmith.Chaos.Runner/bin/Release/net10.0/Locksmith.Chaos.Runner.dll --minutes 30 --seed 123
// Phases of --phase-seconds (default 120) of faults alternate between one server and Redlock (or --topology single|redlock),
// the n-th phase with seed + n. Prints each phase's report and the totals; exits 1 when any invariant broke.
using System.Globalization;
using Locksmith.Chaos.History;
using Locksmith.Chaos.Orchestration;
using Locksmith.Chaos.Schedule;

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

Console.WriteLine($"chaos run: seed {seed}, {minutes} minute(s), phases of {phaseLength.TotalSeconds:F0} s ({string.Join(", ", topologies)})");
var end = DateTime.UtcNow.AddMinutes(minutes);
var injected = new Dictionary<FaultKind, int>();
var (operations, violations, phases) = (0, 0, 0);
while (phases == 0 || DateTime.UtcNow < end)
{
    var left = end - DateTime.UtcNow;
    var options = new ChaosOptions
    {
        Seed = seed + phases,
        Topology = topologies[phases % topologies.Length],
        Duration = left < phaseLength && left > TimeSpan.FromSeconds(20) ? left : phaseLength,
        Log = verbose ? line => Console.WriteLine("  " + line) : _ => { },
    };
    var report = await ChaosPhase.RunAsync(options);
    Console.WriteLine($"phase {phases + 1}: {report}");
    foreach (var (kind, count) in report.Injected)
    {
        injected[kind] = injected.GetValueOrDefault(kind) + count;
    }

    operations += report.Check.OperationsChecked;
    violations += report.Check.Violations.Count;
    phases++;
}

Console.WriteLine($"TOTAL after {phases} phase(s), first seed {seed}:");
Console.WriteLine($"faults injected: {injected.Values.Sum()} ({string.Join(", ", injected.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))})");
Console.WriteLine($"operations checked: {operations}");
Console.WriteLine($"violations: {violations}");
return violations == 0 ? 0 : 1;

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
