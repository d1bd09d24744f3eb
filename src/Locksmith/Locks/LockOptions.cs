namespace Locksmith;

/// <summary>How a distributed lock is taken and held.</summary>
public sealed record LockOptions : LeaseOptions
{
    /// <summary>The library defaults: 30 s time to live, 30 s wait, renewal on, no fencing.</summary>
    public static LockOptions Default { get; } = new();

    /// <summary>
    /// Whether each acquisition gets a strictly increasing <see cref="ILockLease.FencingToken"/>.
    /// Costs one counter increment inside the acquire step. Defaults to <see langword="false"/>.
    /// </summary>
    public bool Fencing { get; init; }
}
