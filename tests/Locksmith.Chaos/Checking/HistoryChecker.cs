using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Checking;

/// <summary>
/// Judges a <see cref="ChaosHistory"/>. Timing rules use the clients' own monotonic stamps (one clock for every process
/// of the machine); register and occupancy rules use what the servers recorded. See docs/reliability.md.
/// </summary>
public sealed class HistoryChecker(TimeSpan tolerance)
{
    private readonly long _tolerance = (long)tolerance.TotalMicroseconds;

    /// <summary>The default: a body must notice a lost lease within 100 ms.</summary>
    public HistoryChecker()
        : this(TimeSpan.FromMilliseconds(100))
    {
    }

    public CheckResult Check(ChaosHistory history)
    {
        var result = new CheckResult();
        var spans = LeaseSpan.From(history);
        var pauses = new Pauses(history.Faults);
        result.OperationsChecked = spans.Count + spans.Sum(s => s.Requests.Count);
        CheckBodiesStopAtLoss(spans, pauses, result);
        foreach (var key in spans.GroupBy(s => (s.Key, s.IsLock)))
        {
            var ordered = key.OrderBy(s => s.AcquiredAt).ToList();
            if (key.Key.IsLock)
            {
                CheckHolders(ordered, 1, pauses, result);
                TokenOrder.Check(ordered, result);
                RegisterRules.Check(ordered, history.FinalRegisters.GetValueOrDefault(key.Key.Key), result);
            }
            else
            {
                CheckHolders(ordered, history.Permits.GetValueOrDefault(key.Key.Key, 1), pauses, result);
            }
        }

        CheckServerOccupancy(history, spans, pauses, result);
        result.Violations.AddRange(history.ImmortalKeys.Select(k => new Violation(Rules.ImmortalKey, $"{k} has no time to live at the end of the run.")));
        return result;
    }

    // A body must stop within the tolerance of its LostToken firing; time frozen by SIGSTOP does not count against it.
    private void CheckBodiesStopAtLoss(List<LeaseSpan> spans, Pauses pauses, CheckResult result)
    {
        foreach (var span in spans.Where(s => s.LostAt is not null))
        {
            var lostAt = span.LostAt!.Value;
            var from = pauses.LastResumeWithin(span.Client, lostAt, span.EndAt);
            var overrun = span.EndAt - from;
            if (overrun > _tolerance)
            {
                result.Violations.Add(new Violation(Rules.BodyPastLost,
                    $"{span.Lease} ({span.Key}) kept running {Mono.Ms(overrun)} after its LostToken fired at {Mono.Ms(lostAt)} (body ended {Mono.Ms(span.EndAt)}{(span.Killed ? ", by SIGKILL" : "")})."));
            }
        }
    }

    // At each acquisition, the bodies still running that had neither been told of their loss nor been frozen must number
    // fewer than the permits (one, for a lock).
    private void CheckHolders(List<LeaseSpan> ordered, int permits, Pauses pauses, CheckResult result)
    {
        var running = new List<LeaseSpan>();
        foreach (var later in ordered)
        {
            running.RemoveAll(s => s.EndAt <= later.AcquiredAt + _tolerance);
            var overlapping = new List<LeaseSpan>();
            foreach (var earlier in running)
            {
                if (earlier.LostAt is { } lostAt && lostAt < later.AcquiredAt + _tolerance)
                {
                    continue;
                }

                if (pauses.Overlaps(earlier.Client, earlier.AcquiredAt, later.AcquiredAt))
                {
                    result.ExcusedByPause++;
                    continue;
                }

                overlapping.Add(earlier);
            }

            if (overlapping.Count >= permits)
            {
                var rule = later.IsLock ? Rules.LockOverlap : Rules.SemaphoreOverfull;
                var others = string.Join("; ", overlapping.Select(s =>
                    $"{s.Lease} acquired {Mono.Ms(s.AcquiredAt)}, body ended {Mono.Ms(s.EndAt)}, lost {(s.LostAt is { } l ? Mono.Ms(l) : "never")}"));
                result.Violations.Add(new Violation(rule,
                    $"{later.Lease} acquired {later.Key} at {Mono.Ms(later.AcquiredAt)} while {overlapping.Count} other holder(s) (permits: {permits}) still ran unaware of any loss and unpaused: {others}."));
            }

            running.Add(later);
        }
    }

    private static void CheckServerOccupancy(ChaosHistory history, List<LeaseSpan> spans, Pauses pauses, CheckResult result)
    {
        var window = (long)(history.Ttl.TotalMicroseconds * 2);
        var endedAt = spans.GroupBy(s => s.Lease).ToDictionary(g => g.Key, g => g.Max(s => s.EndAt));
        foreach (var record in history.Overfull)
        {
            // An entry whose body had already ended is no running holder: it is a step whose reply was lost (the server ran
            // it, the client saw an error and could not clean it up) lingering until it lapses. Only bodies still running
            // count against the permits; the client-side rules judge when those were granted.
            var running = record.Members.Count(m => !endedAt.TryGetValue(m, out var end) || end > record.At);
            if (running <= history.Permits.GetValueOrDefault(record.Key, 1))
            {
                result.ExcusedAsEnded++;
                continue;
            }

            // A member frozen shortly before is excused: its late step may race the timer that tells it of the loss.
            if (record.Members.Any(m => pauses.Overlaps(ClientOf(m), record.At - window, record.At)))
            {
                result.ExcusedByPause++;
                continue;
            }

            result.Violations.Add(new Violation(Rules.ServerOverfull,
                $"the server counted {record.Count} occupants of semaphore {record.Key} (permits {history.Permits.GetValueOrDefault(record.Key, 1)}) at {Mono.Ms(record.At)}: {string.Join(", ", record.Members)}."));
        }
    }

    private static string ClientOf(string lease) => lease.Split('#')[0];
}
