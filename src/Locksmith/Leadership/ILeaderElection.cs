namespace Locksmith;

/// <summary>
/// Elects one leader per name among the processes that campaign for it. Registered by <c>services.AddLocksmith(...)</c>
/// on every backend that keeps leader records (in-memory, Redis, Redis Cluster, Redlock).
/// </summary>
/// <remarks>
/// A leadership is a fenced lock lease on the name: it is renewed while held, and <see cref="ILeadership.LostToken"/>
/// fires from a local timer when it can no longer be trusted, never from a reply arriving late. Pass
/// <see cref="ILeadership.Term"/> to what the leader writes, and have it refuse older terms: that is what keeps a leader
/// that was paused past its time to live from acting after its successor took over.
/// </remarks>
public interface ILeaderElection
{
    /// <summary>Waits until this process leads <paramref name="name"/>, woken by the previous leader's resignation or expiry.</summary>
    /// <param name="name">The election's name, such as <c>"billing-sweeper"</c>.</param>
    /// <param name="cancellationToken">Stops campaigning.</param>
    /// <returns>The leadership; dispose it (or call <see cref="ILeadership.ResignAsync"/>) to hand over at once.</returns>
    /// <exception cref="LocksmithBackendException">The backend could not be reached or refused the request.</exception>
    ValueTask<ILeadership> CampaignAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Becomes the leader of <paramref name="name"/> only if nobody leads it now.</summary>
    /// <param name="name">The election's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The leadership, or <see langword="null"/> when another candidate leads.</returns>
    ValueTask<ILeadership?> TryCampaignAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Who leads <paramref name="name"/> according to the leader record, which the leader refreshes while it leads.</summary>
    /// <param name="name">The election's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The leader, or <see langword="null"/> when there is none.</returns>
    /// <remarks>
    /// Advisory: a leader that crashed stays recorded until its record expires (at most the leadership's time to live), and
    /// the answer may be stale by the time it arrives. Decide safety with <see cref="ILeadership.Term"/>, not with this.
    /// </remarks>
    ValueTask<LeaderInfo?> GetLeaderAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The leader of <paramref name="name"/> now, then each change: a new term, or <see langword="null"/> when the
    /// leader resigned or its record expired. Woken by the backend's change notices, with a periodic re-read for a lost one.
    /// </summary>
    /// <param name="name">The election's name.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The leaders, in order, without repeating an unchanged one.</returns>
    IAsyncEnumerable<LeaderInfo?> WatchAsync(string name, CancellationToken cancellationToken = default);
}
