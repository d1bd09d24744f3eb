namespace Locksmith;

/// <summary>Process-wide defaults, set through <c>services.AddLocksmith(b => b.ConfigureDefaults(...))</c> and validated at startup.</summary>
public sealed class LocksmithOptions
{
    /// <summary>Defaults for locks taken without explicit options and for <see cref="DistributedLockAttribute"/> settings left unset.</summary>
    public LockOptions Locks { get; set; } = LockOptions.Default;

    /// <summary>Defaults for semaphore permits, likewise.</summary>
    public SemaphoreOptions Semaphores { get; set; } = SemaphoreOptions.Default;

    /// <summary>How <see cref="ILeaderElection"/> and <see cref="ClusterSingletonAttribute"/> hold leaderships.</summary>
    public LeaderElectionOptions Leadership { get; set; } = LeaderElectionOptions.Default;
}
