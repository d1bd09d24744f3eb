namespace Locksmith.Chaos.History;

/// <summary>
/// A fault as the orchestrator applied it: its kind, its target (a client incarnation, a proxy path, a server) and when
/// it began and ended on the <see cref="Mono"/> clock (a kill is instantaneous: <see cref="To"/> equals <see cref="From"/>).
/// </summary>
public sealed record FaultRecord(FaultKind Kind, string Target, long From, long To);

/// <summary>Every fault the schedule can inject.</summary>
public enum FaultKind
{
    /// <summary>SIGKILL of a client process; the slot starts a new incarnation after a while.</summary>
    KillClient,

    /// <summary>SIGSTOP of a client process, SIGCONT after the fault's duration.</summary>
    PauseClient,

    /// <summary>A client's every path to the servers stops forwarding (both ways), sockets left open.</summary>
    BlackholeClient,

    /// <summary>A client's requests reach the servers but no reply comes back until healed.</summary>
    BlackholeReplies,

    /// <summary>Added latency on a client's paths.</summary>
    DelayClient,

    /// <summary>The server runs a client's next command but the reply is lost and the connection reset.</summary>
    DropReply,

    /// <summary>Every connection of a client is reset (RST).</summary>
    ResetConnections,

    /// <summary>SIGKILL of redis-server (one server) and a restart from its append-only file.</summary>
    KillServer,

    /// <summary>Redlock: SIGKILL of 2 of the 5 masters, restarted from their append-only files after the duration.</summary>
    LoseMinority,

    /// <summary>Redlock: SIGKILL of 3 of the 5 masters (no quorum), restarted from their append-only files after the duration.</summary>
    LoseMajority,

    /// <summary>SIGTERM of a queue consumer (a graceful stop: it leaves its group); it starts again after the duration.</summary>
    TerminateClient,

    /// <summary>A queue consumer joins its group in a spare slot for the duration, then leaves it (SIGTERM).</summary>
    JoinConsumer,
}
