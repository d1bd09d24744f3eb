using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Checking;

/// <summary>
/// One lease as its client saw it: requested, acquired, maybe lost, body ended (or the client was killed, which ends
/// the body too). <see cref="EndAt"/> is the body's end, else the kill, else the end of the run.
/// </summary>
public sealed record LeaseSpan(string Lease, string Client, string Key, bool IsLock, long Token, long RequestedAt, long AcquiredAt)
{
    public long? LostAt { get; set; }

    public long EndAt { get; set; }

    public bool Killed { get; set; }

    public List<ChaosEvent> Requests { get; } = [];

    /// <summary>Builds the spans from the clients' events and the orchestrator's kills.</summary>
    public static List<LeaseSpan> From(ChaosHistory history)
    {
        var spans = new Dictionary<string, LeaseSpan>(StringComparer.Ordinal);
        foreach (var e in history.Events.Where(e => e.Lease is not null).OrderBy(e => e.At))
        {
            if (e.Kind == EventKinds.Acquired)
            {
                spans[e.Lease!] = new LeaseSpan(e.Lease!, e.Client, e.Key!, e.Permits is null, e.Token, e.SentAt ?? e.At, e.At) { EndAt = long.MaxValue };
                continue;
            }

            if (!spans.TryGetValue(e.Lease!, out var span))
            {
                continue;
            }

            switch (e.Kind)
            {
                case EventKinds.Lost:
                    span.LostAt ??= e.At;
                    break;
                case EventKinds.BodyEnd:
                    span.EndAt = Math.Min(span.EndAt, e.At);
                    break;
                case EventKinds.Claim or EventKinds.Read or EventKinds.Write or EventKinds.Step:
                    span.Requests.Add(e);
                    break;
            }
        }

        var kills = history.Faults.Where(f => f.Kind == FaultKind.KillClient).GroupBy(f => f.Target, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(f => f.From), StringComparer.Ordinal);
        foreach (var span in spans.Values.Where(s => s.EndAt == long.MaxValue))
        {
            if (kills.TryGetValue(span.Client, out var killedAt))
            {
                span.EndAt = Math.Max(killedAt, span.AcquiredAt);
                span.Killed = true;
            }
            else
            {
                // Logged nothing more and was not killed: the body ran, as far as anyone can tell, until the end.
                span.EndAt = Math.Max(history.EndedAt, span.AcquiredAt);
            }
        }

        return [.. spans.Values.OrderBy(s => s.AcquiredAt)];
    }
}
