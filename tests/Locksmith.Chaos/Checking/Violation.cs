namespace Locksmith.Chaos.Checking;

/// <summary>One broken invariant, with the evidence in words.</summary>
public sealed record Violation(string Rule, string Text)
{
    public override string ToString() => $"[{Rule}] {Text}";
}

/// <summary>The rules the checker enforces, as named in its reports.</summary>
public static class Rules
{
    public const string BodyPastLost = "body-past-lost";
    public const string LockOverlap = "lock-overlap";
    public const string SemaphoreOverfull = "semaphore-overfull";
    public const string ServerOverfull = "server-overfull";
    public const string TokenOrder = "token-order";
    public const string RegisterOrder = "register-order";
    public const string FencedWriteAccepted = "fenced-write-accepted";
    public const string ImmortalKey = "immortal-key";

    /// <summary>An acknowledged item with neither a completion (its chained call) nor a dead letter in some group.</summary>
    public const string QueueLost = "queue-lost";

    /// <summary>An item whose completion published its chained call more than once in one group (completed twice).</summary>
    public const string QueueDuplicated = "queue-duplicated";

    /// <summary>A chained call published by a body that failed (an item that always fails).</summary>
    public const string QueueChainOfFailure = "queue-chain-of-failure";

    /// <summary>An item completed (its chained call published) and also dead-lettered in one group.</summary>
    public const string QueueCompletedAndDead = "queue-completed-and-dead";

    /// <summary>An item dead-lettered in a group where its body started fewer than MaxAttempts times.</summary>
    public const string QueueEarlyDeadLetter = "queue-early-dead-letter";

    /// <summary>Within a partition key and group, an item's body first started after a later item's.</summary>
    public const string QueueOrder = "queue-order";
}
