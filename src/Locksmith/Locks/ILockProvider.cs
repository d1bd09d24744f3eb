namespace Locksmith;

/// <summary>Takes distributed locks on a backend. Registered by <c>services.AddLocksmith(...)</c>.</summary>
public interface ILockProvider
{
    /// <summary>
    /// Waits for the lock on <paramref name="key"/> up to <see cref="LeaseOptions.WaitTimeout"/>.
    /// </summary>
    /// <param name="key">The lock key; any non-empty string.</param>
    /// <param name="options">How to take and hold it; <see langword="null"/> uses the configured defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lease; dispose it to release.</returns>
    /// <exception cref="LockTimeoutException">The lock was not free within the wait timeout.</exception>
    /// <exception cref="LocksmithBackendException">The backend could not be reached or refused the request.</exception>
    ValueTask<ILockLease> AcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="AcquireAsync"/> but returns <see langword="null"/> instead of throwing when the lock
    /// is not free in time. With <paramref name="options"/> <see langword="null"/> it does not wait at all.
    /// </summary>
    /// <param name="key">The lock key; any non-empty string.</param>
    /// <param name="options">How to take and hold it; <see langword="null"/> uses the configured defaults with no wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lease, or <see langword="null"/> when another owner holds the lock.</returns>
    ValueTask<ILockLease?> TryAcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the locks on all <paramref name="keys"/> as one: de-duplicated and taken in ordinal order, so two callers
    /// asking for overlapping sets never deadlock, all within one <see cref="LeaseOptions.WaitTimeout"/>. If any key
    /// cannot be taken, the ones already taken are given back before the exception.
    /// </summary>
    /// <param name="keys">The lock keys, such as both accounts of a transfer; at least one.</param>
    /// <param name="options">How to take and hold each; <see langword="null"/> uses the configured defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held set; dispose it to release every member.</returns>
    /// <exception cref="LockTimeoutException">Some key was not free within the wait timeout (it names that key).</exception>
    /// <exception cref="LocksmithBackendException">The backend could not be reached or refused the request.</exception>
    ValueTask<ILockLeaseSet> AcquireAllAsync(IEnumerable<string> keys, LockOptions? options = null, CancellationToken cancellationToken = default);
}
