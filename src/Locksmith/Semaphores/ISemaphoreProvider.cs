namespace Locksmith;

/// <summary>Takes permits of distributed semaphores on a backend.</summary>
public interface ISemaphoreProvider
{
    /// <summary>
    /// Waits for one of the <paramref name="permits"/> permits of the semaphore <paramref name="key"/>
    /// up to <see cref="LeaseOptions.WaitTimeout"/>.
    /// </summary>
    /// <param name="key">The semaphore key; any non-empty string.</param>
    /// <param name="permits">How many holders may hold the semaphore at once; at least 1.</param>
    /// <param name="options">How to take and hold the permit; <see langword="null"/> uses the configured defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held permit; dispose it to give it back.</returns>
    /// <exception cref="LockTimeoutException">No permit came free within the wait timeout.</exception>
    ValueTask<ISemaphorePermit> AcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="AcquireAsync"/> but returns <see langword="null"/> instead of throwing when no permit is
    /// free in time. With <paramref name="options"/> <see langword="null"/> it does not wait at all.
    /// </summary>
    /// <param name="key">The semaphore key; any non-empty string.</param>
    /// <param name="permits">How many holders may hold the semaphore at once; at least 1.</param>
    /// <param name="options">How to take and hold the permit; <see langword="null"/> uses the configured defaults with no wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held permit, or <see langword="null"/>.</returns>
    ValueTask<ISemaphorePermit?> TryAcquireAsync(string key, int permits, SemaphoreOptions? options = null, CancellationToken cancellationToken = default);
}
