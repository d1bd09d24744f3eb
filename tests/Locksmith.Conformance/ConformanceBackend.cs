namespace Locksmith.Conformance;

/// <summary>
/// What the conformance suite needs from a backend: independent clients (one per simulated process) and a way to make
/// a lease disappear behind its holder's back. Implementations live in each backend's test project.
/// </summary>
public abstract class ConformanceBackend : IAsyncDisposable
{
    /// <summary>A short time to live for tests that wait for expiry; long enough that a loaded machine still renews in time.</summary>
    public virtual TimeSpan ShortTtl => TimeSpan.FromSeconds(1);

    /// <summary>Whether the backend offers <see cref="SemaphoreOptions.Fair"/>; one that does not must refuse it clearly.</summary>
    public virtual bool SupportsFairSemaphores => true;

    /// <summary>Whether the backend offers rate limits; one that does not must refuse them clearly (Redlock).</summary>
    public virtual bool SupportsRateLimiting => true;

    /// <summary>Connects a new client: its own providers and renewal loop, sharing the backend's state.</summary>
    /// <param name="defaults">Defaults for the client, or null for the library's.</param>
    public abstract ValueTask<ConformanceClient> ConnectAsync(LocksmithOptions? defaults = null);

    /// <summary>Removes the lease on the backend as an operator or a failover would, without telling its holder.</summary>
    public abstract ValueTask RevokeAsync(ILease lease);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>One simulated process using the backend.</summary>
public sealed class ConformanceClient(IServiceProvider services, Func<ValueTask> crash) : IAsyncDisposable
{
    /// <summary>The client's container, for the services the suites use.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>The client's lock provider.</summary>
    public ILockProvider Locks { get; } = (ILockProvider)services.GetService(typeof(ILockProvider))!;

    /// <summary>The client's semaphore provider.</summary>
    public ISemaphoreProvider Semaphores { get; } = (ISemaphoreProvider)services.GetService(typeof(ISemaphoreProvider))!;

    /// <summary>The client's reader-writer lock provider, asked for only by the tests that use it.</summary>
    public IReaderWriterLockProvider ReaderWriterLocks =>
        (IReaderWriterLockProvider?)Services.GetService(typeof(IReaderWriterLockProvider))
        ?? throw new InvalidOperationException("The backend registered no IReaderWriterLockProvider for this client.");

    /// <summary>The client's rate limiter provider, asked for only by the tests that use it.</summary>
    public IRateLimiterProvider RateLimiters =>
        (IRateLimiterProvider?)Services.GetService(typeof(IRateLimiterProvider))
        ?? throw new InvalidOperationException("The backend registered no IRateLimiterProvider for this client.");

    /// <summary>The client's leader election.</summary>
    public ILeaderElection Elections { get; } = (ILeaderElection)services.GetService(typeof(ILeaderElection))!;

    /// <summary>Ends the client as a killed process would: renewals stop, nothing is released.</summary>
    public ValueTask CrashAsync() => crash();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => crash();
}
