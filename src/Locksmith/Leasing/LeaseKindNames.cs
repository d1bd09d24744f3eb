using Locksmith.Backends;

namespace Locksmith;

/// <summary>The one spelling of a lease kind in logs, messages and metric tags.</summary>
internal static class LeaseKindNames
{
    public static string Name(this LeaseKind kind) => kind == LeaseKind.Lock ? "lock" : "semaphore";
}
