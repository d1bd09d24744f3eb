using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Tests;

/// <summary>Hand-made histories for the checker's tests; times are in milliseconds.</summary>
internal sealed class HistoryBuilder
{
    public ChaosHistory History { get; } = new() { Ttl = TimeSpan.FromSeconds(1), EndedAt = 1_000_000_000 };

    /// <summary>A lock lease that claims, reads what <paramref name="seen"/> says (its own claim by default) and writes.</summary>
    public HistoryBuilder Lock(string lease, string key, long token, double acquiredMs, double endMs, double? lostMs = null, string? seen = null, bool writeAccepted = true)
    {
        var client = lease.Split('#')[0];
        Add(EventKinds.Acquired, client, lease, key, token, acquiredMs, sentAtMs: acquiredMs - 1);
        if (lostMs is { } lost)
        {
            Add(EventKinds.Lost, client, lease, key, token, lost);
        }

        Add(EventKinds.Claim, client, lease, key, token, acquiredMs + 1, new RegisterValue(token, lease, "claim").ToString(), Results.Ok);
        Add(EventKinds.Read, client, lease, key, token, acquiredMs + 2, seen ?? new RegisterValue(token, lease, "claim").ToString(), Results.Ok);
        Add(EventKinds.Write, client, lease, key, token, endMs - 1, new RegisterValue(token, lease, "write").ToString(), writeAccepted ? Results.Ok : Results.Rejected);
        Add(EventKinds.BodyEnd, client, lease, key, token, endMs, result: Results.Ok);
        History.FinalRegisters[key] = new RegisterValue(token, lease, "write").ToString();
        return this;
    }

    public HistoryBuilder Permit(string lease, string key, double acquiredMs, double endMs, double? lostMs = null)
    {
        var client = lease.Split('#')[0];
        History.Permits[key] = 2;
        History.Events.Add(new ChaosEvent { Kind = EventKinds.Acquired, Client = client, Lease = lease, Key = key, At = Us(acquiredMs), SentAt = Us(acquiredMs - 1), Permits = 2 });
        if (lostMs is { } lost)
        {
            Add(EventKinds.Lost, client, lease, key, 0, lost);
        }

        Add(EventKinds.BodyEnd, client, lease, key, 0, endMs, result: Results.Ok);
        return this;
    }

    public HistoryBuilder Paused(string client, double fromMs, double toMs)
    {
        History.Faults.Add(new FaultRecord(FaultKind.PauseClient, client, Us(fromMs), Us(toMs)));
        return this;
    }

    private void Add(string kind, string client, string lease, string key, long token, double atMs, string? value = null, string? result = null, double? sentAtMs = null) =>
        History.Events.Add(new ChaosEvent
        {
            Kind = kind, Client = client, Lease = lease, Key = key, Token = token, At = Us(atMs), Value = value, Result = result,
            SentAt = sentAtMs is { } s ? Us(s) : null,
        });

    public static long Us(double ms) => (long)(ms * 1000);
}
