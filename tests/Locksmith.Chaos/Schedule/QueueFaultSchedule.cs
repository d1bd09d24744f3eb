using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Schedule;

/// <summary>
/// The faults of one queue phase, a pure function of (seed, transport, consumers, spares, duration), timed like
/// <see cref="FaultSchedule"/>. Consumer slots 0..consumers-1 run from the start; the spare slots after them only
/// while a <see cref="FaultKind.JoinConsumer"/> lasts. Network faults can also hit the producer, whose slot comes last.
/// Kafka's mock cluster lives in the orchestrating process, so its phases get process faults only.
/// </summary>
public static class QueueFaultSchedule
{
    private static readonly (FaultKind Kind, int Weight)[] ProcessFaults =
    [
        (FaultKind.KillClient, 3),
        (FaultKind.PauseClient, 3),
        (FaultKind.TerminateClient, 2),
        (FaultKind.JoinConsumer, 2),
    ];

    private static readonly (FaultKind Kind, int Weight)[] RedisFaults =
    [
        (FaultKind.BlackholeClient, 2),
        (FaultKind.DropReply, 2),
        (FaultKind.DelayClient, 1),
        (FaultKind.BlackholeReplies, 1),
        (FaultKind.ResetConnections, 1),
        (FaultKind.KillServer, 1),
    ];

    public static List<FaultStep> Create(int seed, QueueTransport transport, int consumers, int spares, TimeSpan duration) =>
        FaultSchedule.Generate(seed, transport == QueueTransport.Redis ? [.. ProcessFaults, .. RedisFaults] : ProcessFaults, duration, (random, kind) => kind switch
        {
            FaultKind.KillServer => [0],
            FaultKind.JoinConsumer => [consumers + random.Next(spares)],
            FaultKind.KillClient or FaultKind.PauseClient or FaultKind.TerminateClient => [random.Next(consumers)],
            _ => [random.Next(consumers + spares + 1)],
        });
}
