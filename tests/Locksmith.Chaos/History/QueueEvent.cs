namespace Locksmith.Chaos.History;

/// <summary>
/// One line of a queue client's log, stamped with <see cref="Mono"/> time. The producer logs each enqueue and whether
/// the backend acknowledged it; a consumer logs each body start and end (with the item, its partition key, its
/// sequence number within the key, the attempt and the group), each chained call's body, and each dead letter it wrote.
/// </summary>
public sealed record QueueEvent
{
    /// <summary>One of <see cref="QueueEventKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The client incarnation ("Q2.1": consumer slot 2, second start; "P0.0": the producer).</summary>
    public required string Client { get; init; }

    public long At { get; init; }

    /// <summary>The operating-system process id of the client.</summary>
    public int Pid { get; init; }

    /// <summary>The producer's own name for the item ("k3/17": key k3, 17th of that key), the same in every group.</summary>
    public string? Item { get; init; }

    /// <summary>The item's partition key.</summary>
    public string? Key { get; init; }

    /// <summary>The item's position among its key's enqueues, from 1.</summary>
    public int Seq { get; init; }

    /// <summary>What the body is told to do: one of <see cref="QueueBehaviours"/>.</summary>
    public string? Behaviour { get; init; }

    /// <summary>The transport's item id (<see cref="QueuedItem.Id"/>); dead letters name only this.</summary>
    public string? ItemId { get; init; }

    /// <summary>The queue of a dead letter.</summary>
    public string? Queue { get; init; }

    /// <summary>The consumer group the body ran in (the chained queue's bodies run in <see cref="QueueChaosSettings.ChainGroup"/>).</summary>
    public string? Group { get; init; }

    /// <summary>The attempt the transport said this is (<see cref="QueuedItem.Attempt"/>), or a dead letter's attempt count.</summary>
    public int Attempt { get; init; }

    /// <summary>Chained bodies: the item whose completion published them, and its group.</summary>
    public string? Parent { get; init; }

    public string? ParentGroup { get; init; }

    /// <summary>ok, cancelled, error:... (see <see cref="Results"/>).</summary>
    public string? Result { get; init; }
}

/// <summary>The kinds of <see cref="QueueEvent"/>.</summary>
public static class QueueEventKinds
{
    public const string Started = "started";

    /// <summary>A consumer's host has started consuming.</summary>
    public const string Ready = "ready";

    /// <summary>The producer's enqueue returned (<see cref="QueueEvent.Result"/> ok: acknowledged) or threw.</summary>
    public const string Enqueued = "enqueued";

    public const string BodyStart = "body-start";
    public const string BodyEnd = "body-end";

    /// <summary>A chained call's body ran (it is the observable trace of its parent's completion).</summary>
    public const string Chained = "chained";

    /// <summary>The transport reported an item dead-lettered (its log event 7).</summary>
    public const string DeadLettered = "dead-lettered";

    public const string Exited = "exited";
}

/// <summary>What a body does with its item.</summary>
public static class QueueBehaviours
{
    /// <summary>Makes its chained call and succeeds.</summary>
    public const string Ok = "ok";

    /// <summary>Makes its chained call, then throws on attempt 1: that attempt's chained call must not be published.</summary>
    public const string Flaky = "flaky";

    /// <summary>Makes its chained call, then always throws: dead-lettered after MaxAttempts, nothing published.</summary>
    public const string Poison = "poison";
}
