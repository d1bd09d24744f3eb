using System.Text;
using Locksmith.Chaos.Checking;
using Locksmith.Chaos.History;
using Locksmith.Chaos.Schedule;

namespace Locksmith.Chaos.Orchestration;

/// <summary>The outcome of one phase: what was injected, what was checked, what broke, and where the logs are.</summary>
public sealed record ChaosReport(ChaosOptions Options, IReadOnlyDictionary<FaultKind, int> Injected, CheckResult Check, ChaosHistory History, string Directory)
{
    public bool Passed => Check.Passed;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {Options.Seed}, {Options.Topology}, {Options.Duration.TotalSeconds:F0} s of faults, {Options.LockClients} lock + {Options.SemaphoreClients} semaphore clients; logs in {Directory}");
        text.AppendLine($"faults injected: {Injected.Values.Sum()} ({string.Join(", ", Injected.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))})");
        var leases = History.Events.Count(e => e.Kind == EventKinds.Acquired);
        var failed = History.Events.Count(e => e.Kind == EventKinds.AcquireFailed);
        var lost = History.Events.Count(e => e.Kind == EventKinds.Lost);
        text.AppendLine($"operations checked: {Check.OperationsChecked} ({leases} leases, {failed} failed acquisitions, {lost} lost leases, {Check.FencedOff} fenced off, {Check.ExcusedByPause} overlaps excused by SIGSTOP, {Check.ExcusedAsEnded} server counts excused as lingering entries of ended bodies)");
        Check.AppendViolations(text);

        return text.ToString();
    }
}
