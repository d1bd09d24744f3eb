namespace Locksmith.Chaos.Checking;

/// <summary>What the checker found: the violations, and how much it looked at.</summary>
public sealed class CheckResult
{
    public List<Violation> Violations { get; } = [];

    /// <summary>Leases (bodies) and requests inside them that the rules were checked against.</summary>
    public int OperationsChecked { get; set; }

    /// <summary>Older holders whose later writes the fence refused after a newer holder wrote: fencing at work.</summary>
    public int FencedOff { get; set; }

    /// <summary>Overlaps excused because the older holder was frozen by SIGSTOP (only fencing protects then).</summary>
    public int ExcusedByPause { get; set; }

    /// <summary>Server occupancy counts excused because a counted entry belonged to a body that had already ended.</summary>
    public int ExcusedAsEnded { get; set; }

    /// <summary>
    /// Queue items seen completed more than once on a backend that shows the records of aborted transactions to
    /// read_committed readers (Kafka's mock cluster): there a chained call seen twice may be an aborted attempt's, so
    /// exactly-once is not judged (tests below the client prove it: KafkaCommitFaultTests).
    /// </summary>
    public int ExcusedAsUncommitted { get; set; }

    public bool Passed => Violations.Count == 0;

    /// <summary>Appends the violation count, then per rule its count and first five violations, for a phase's report.</summary>
    public void AppendViolations(System.Text.StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.AppendLine($"violations: {Violations.Count}");
        foreach (var group in Violations.GroupBy(v => v.Rule))
        {
            text.AppendLine($"  {group.Key}: {group.Count()}");
            foreach (var violation in group.Take(5))
            {
                text.AppendLine($"    {violation.Text}");
            }
        }
    }
}
