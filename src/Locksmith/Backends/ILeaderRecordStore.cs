namespace Locksmith.Backends;

/// <summary>
/// Where a backend keeps who leads each election, so <see cref="ILeaderElection.GetLeaderAsync"/> and
/// <see cref="ILeaderElection.WatchAsync"/> can answer. The leadership itself is a fenced lock lease; the record only
/// describes it. Register one with the backend for <see cref="ILeaderElection"/> to be available.
/// </summary>
public interface ILeaderRecordStore
{
    /// <summary>
    /// Writes or refreshes <paramref name="leader"/>'s record so that it expires after <paramref name="ttl"/>, unless a
    /// newer term is recorded; tells watchers when the term changed.
    /// </summary>
    /// <param name="leader">The leader; its <see cref="LeaderInfo.Term"/> fences the write.</param>
    /// <param name="ttl">How long the record lives unless refreshed again.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="false"/> when a newer term is recorded: the caller no longer leads.</returns>
    ValueTask<bool> PublishAsync(LeaderInfo leader, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Removes the record of <paramref name="name"/> only if it is still <paramref name="term"/>'s, and tells watchers.</summary>
    /// <param name="name">The election's name.</param>
    /// <param name="term">The resigning leader's term.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes once removed (or found newer).</returns>
    ValueTask WithdrawAsync(string name, long term, CancellationToken cancellationToken);

    /// <summary>Reads the record of <paramref name="name"/>.</summary>
    /// <param name="name">The election's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The leader, or <see langword="null"/> when no unexpired record exists.</returns>
    ValueTask<LeaderInfo?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="changed"/> whenever the record of <paramref name="name"/> may have changed, until disposed.</summary>
    /// <param name="name">The election's name.</param>
    /// <param name="changed">Called on a change notice; must return quickly.</param>
    /// <param name="cancellationToken">Cancels subscribing.</param>
    /// <returns>The subscription; dispose it to stop.</returns>
    ValueTask<IAsyncDisposable> SubscribeAsync(string name, Action changed, CancellationToken cancellationToken);
}
