namespace Locksmith.Backends;

/// <summary>What a lease protects: it decides the defaults, the validation and the names in logs and metrics.</summary>
public enum LeaseKind
{
    /// <summary>An exclusive lock: one holder per key.</summary>
    Lock,

    /// <summary>A semaphore permit: up to a limit of holders per key.</summary>
    Semaphore,
}
