using Locksmith.Backends;

namespace Locksmith;

/// <summary>The one spelling of a lease kind in logs, messages, metric tags and trace spans.</summary>
internal static class LeaseKindNames
{
    private static readonly string[] Names = ["lock", "semaphore", "read lock", "write lock", "upgradeable read lock"];

    private static readonly string[] SpanNames = [.. Names.Select(n => "locksmith.acquire " + n)];

    public static string Name(this LeaseKind kind) => Names[(int)kind];

    /// <summary>The acquisition's trace span name, made once per kind.</summary>
    public static string SpanName(this LeaseKind kind) => SpanNames[(int)kind];

    /// <summary>Whether the kind is one of a reader-writer lock's three modes; they share one resource per key.</summary>
    public static bool IsReaderWriter(this LeaseKind kind) => kind >= LeaseKind.ReadLock;
}
