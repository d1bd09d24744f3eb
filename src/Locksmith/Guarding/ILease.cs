namespace Locksmith;

/// <summary>
/// Something held for a limited time on a backend: a lock lease or a semaphore permit.
/// Dispose it (preferably with <c>await using</c>) to give it back; disposal never throws
/// because an unreleased lease expires by itself after its time to live.
/// </summary>
public interface ILease : IAsyncDisposable
{
    /// <summary>The key the lease was taken on, as passed to the provider (without backend prefixes).</summary>
    string Key { get; }

    /// <summary>
    /// Cancelled when the lease can no longer be trusted: a renewal was refused or failed until the
    /// time to live ran out, the time to live passed without renewal, or the backend lost it. Work that
    /// must not run without the lease should observe this token.
    /// </summary>
    CancellationToken LostToken { get; }

    /// <summary>True once <see cref="LostToken"/> has fired.</summary>
    bool IsLost { get; }

    /// <summary>
    /// How much longer this process may trust the lease by its own clock: the time until <see cref="LostToken"/> fires
    /// unless a renewal succeeds first; zero once lost or released. Check it before a step that must finish under the lease.
    /// </summary>
    TimeSpan TimeLeft { get; }

    /// <summary>
    /// Extends the lease so that it expires <paramref name="ttl"/> from now (by the backend's clock).
    /// </summary>
    /// <param name="ttl">The new time to live; <see langword="null"/> reuses the one the lease was taken with.</param>
    /// <param name="cancellationToken">Cancels the request, not the lease.</param>
    /// <returns><see langword="true"/> when extended; <see langword="false"/> when the lease was released or lost.</returns>
    ValueTask<bool> ExtendAsync(TimeSpan? ttl = null, CancellationToken cancellationToken = default);
}
