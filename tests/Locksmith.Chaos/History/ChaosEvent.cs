namespace Locksmith.Chaos.History;

/// <summary>
/// One line of a client's log: something a client did or saw, stamped with <see cref="Mono"/> time. Lock leases
/// carry their fencing token; semaphore steps carry the occupancy the server counted.
/// </summary>
public sealed record ChaosEvent
{
    /// <summary>One of <see cref="EventKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The client incarnation ("L1.0": slot L1, first start; a restart after SIGKILL is "L1.1").</summary>
    public required string Client { get; init; }

    /// <summary>When it happened (for a request: when its reply came back).</summary>
    public long At { get; init; }

    /// <summary>For acquisitions and requests: when the request was sent.</summary>
    public long? SentAt { get; init; }

    /// <summary>The lease this event belongs to ("L1.0#7"), unique across the run.</summary>
    public string? Lease { get; init; }

    public string? Key { get; init; }

    /// <summary>The lease's fencing token (0 for semaphore permits).</summary>
    public long Token { get; init; }

    /// <summary>The value read or written (registers), or the occupants (semaphore steps).</summary>
    public string? Value { get; init; }

    /// <summary>ok, rejected, error:..., cancelled, lapsed (see <see cref="Results"/>).</summary>
    public string? Result { get; init; }

    /// <summary>Semaphore steps: occupants the server counted, this one included.</summary>
    public int? Occupancy { get; init; }

    /// <summary>Semaphore acquisitions: the permit count.</summary>
    public int? Permits { get; init; }
}

/// <summary>The kinds of <see cref="ChaosEvent"/>.</summary>
public static class EventKinds
{
    public const string Started = "started";
    public const string Acquired = "acquired";
    public const string AcquireFailed = "acquire-failed";
    public const string Lost = "lost";

    /// <summary>The lock body's first fenced write, which fences off every older holder before the body reads.</summary>
    public const string Claim = "claim";
    public const string Read = "read";
    public const string Write = "write";

    /// <summary>A semaphore body's occupancy check on entry, and again at each step.</summary>
    public const string Step = "step";
    public const string BodyEnd = "body-end";
    public const string Released = "released";
    public const string Exited = "exited";
}

/// <summary>Outcomes of requests and bodies.</summary>
public static class Results
{
    public const string Ok = "ok";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";

    /// <summary>A semaphore step whose occupancy record had already expired on the server.</summary>
    public const string Lapsed = "lapsed";

    public static string Error(Exception ex) => "error:" + ex.GetType().Name;
}
