namespace Locksmith;

/// <summary>A held distributed lock. Only its owner can extend or release it.</summary>
public interface ILockLease : ILease
{
    /// <summary>
    /// A number that strictly increases with every acquisition of <see cref="ILease.Key"/> when
    /// <see cref="LockOptions.Fencing"/> is on, and 0 otherwise. Pass it to the protected resource and
    /// have it reject writes carrying a token older than the newest it has seen: that is what keeps a
    /// holder that was paused past its time to live from corrupting data.
    /// </summary>
    long FencingToken { get; }
}
