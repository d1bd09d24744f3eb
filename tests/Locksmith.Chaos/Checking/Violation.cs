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
}
