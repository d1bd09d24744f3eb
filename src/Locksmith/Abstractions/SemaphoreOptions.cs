namespace Locksmith;

/// <summary>How a semaphore permit is taken and held.</summary>
public sealed record SemaphoreOptions : LeaseOptions
{
    /// <summary>The library defaults: 30 s time to live, 30 s wait, renewal on.</summary>
    public static SemaphoreOptions Default { get; } = new();
}
