using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Schedule;

/// <summary>
/// The faults of one phase, a pure function of (seed, topology, client count, duration): a failing seed replays the
/// same schedule. Faults start every 0.8 to 2.5 s, last 0.5 to 4 s and may overlap.
/// </summary>
public static class FaultSchedule
{
    public const int RedlockMasters = 5;

    private static readonly (FaultKind Kind, int Weight)[] ClientFaults =
    [
        (FaultKind.BlackholeClient, 5),
        (FaultKind.PauseClient, 4),
        (FaultKind.KillClient, 3),
        (FaultKind.BlackholeReplies, 2),
        (FaultKind.DelayClient, 2),
        (FaultKind.DropReply, 2),
        (FaultKind.ResetConnections, 1),
    ];

    public static List<FaultStep> Create(int seed, Topology topology, int clients, TimeSpan duration)
    {
        (FaultKind Kind, int Weight)[] kinds = topology == Topology.OneServer
            ? [.. ClientFaults, (FaultKind.KillServer, 2)]
            : [.. ClientFaults, (FaultKind.LoseMinority, 2), (FaultKind.LoseMajority, 1)];
        return Generate(seed, kinds, duration, (random, kind) => kind switch
        {
            FaultKind.KillServer => [0],
            FaultKind.LoseMinority => Masters(random, 2),
            FaultKind.LoseMajority => Masters(random, 3),
            _ => [random.Next(clients)],
        });
    }

    /// <summary>
    /// Draws faults from weighted <paramref name="kinds"/> after a quiet start of 2 s (so every process takes its leases
    /// or partitions before anything breaks), each aimed at the processes <paramref name="targets"/> picks.
    /// </summary>
    internal static List<FaultStep> Generate(
        int seed, (FaultKind Kind, int Weight)[] kinds, TimeSpan duration, Func<Random, FaultKind, IReadOnlyList<int>> targets)
    {
        var random = new Random(seed);
        var total = kinds.Sum(k => k.Weight);
        var steps = new List<FaultStep>();
        var at = TimeSpan.FromSeconds(2);
        while (at < duration)
        {
            var pick = random.Next(total);
            var kind = kinds.First(k => (pick -= k.Weight) < 0).Kind;
            var length = TimeSpan.FromMilliseconds(random.Next(500, 4000));
            var aimed = targets(random, kind);
            var latency = kind == FaultKind.DelayClient ? TimeSpan.FromMilliseconds(random.Next(30, 250)) : TimeSpan.Zero;
            steps.Add(new FaultStep(at, kind, aimed, length, latency));
            at += TimeSpan.FromMilliseconds(random.Next(800, 2500));
        }

        return steps;
    }

    private static int[] Masters(Random random, int count)
    {
        var all = Enumerable.Range(0, RedlockMasters).ToArray();
        random.Shuffle(all);
        return [.. all.Take(count).Order()];
    }
}
