using System.Text;
using Locksmith.Chaos.Checking;
using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Orchestration;

/// <summary>The outcome of one queue phase: what was injected, what was checked, what broke, and where the logs are.</summary>
public sealed record QueueChaosReport(
    QueueChaosOptions Options, IReadOnlyDictionary<FaultKind, int> Injected, QueueCheckResult Result, string Directory, TimeSpan Drained, TimeSpan Elapsed)
{
    public bool Passed => Result.Passed;

    public CheckResult Check => Result.Check;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {Options.Seed}, queues on {Options.Transport}, {Options.Duration.TotalSeconds:F0} s of faults, {Options.Consumers} consumers (+{Options.Spares} spare slots) in groups {string.Join(", ", QueueChaosSettings.Groups)}; {Elapsed.TotalSeconds:F0} s in all (drain {Drained.TotalSeconds:F1} s); logs in {Directory}");
        text.AppendLine($"faults injected: {Injected.Values.Sum()} ({string.Join(", ", Injected.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))})");
        var r = Result;
        text.AppendLine($"operations checked: {Check.OperationsChecked} ({r.Enqueued} enqueues, {r.Acknowledged} acknowledged, {r.BodyStarts} body starts, {r.Retries} of them retries, {r.Completions} completions, {r.DeadLetters} dead letters)");
        if (Drained >= Options.DrainTimeout)
        {
            text.AppendLine($"the drain timed out after {Options.DrainTimeout.TotalSeconds:F0} s: items still outstanding then are reported as {Rules.QueueLost}");
        }

        if (Check.ExcusedAsUncommitted > 0)
        {
            text.AppendLine($"not judged: {Check.ExcusedAsUncommitted} item(s) seen completed more than once (the mock shows aborted transactions' chained calls to read_committed readers)");
        }

        Check.AppendViolations(text);

        return text.ToString();
    }
}
