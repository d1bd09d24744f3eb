namespace Locksmith;

/// <summary>What a lease protects.</summary>
internal enum LeaseKind
{
    Lock,
    Semaphore,
}
