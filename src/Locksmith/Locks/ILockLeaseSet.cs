namespace Locksmith;

/// <summary>
/// Several locks held as one, from <see cref="ILockProvider.AcquireAllAsync"/>: taken in one global order so two callers
/// never deadlock, and given back together.
/// </summary>
public interface ILockLeaseSet : IAsyncDisposable
{
    /// <summary>The keys, de-duplicated, in the order they were taken (ordinal).</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>The lease of each key, in <see cref="Keys"/> order.</summary>
    IReadOnlyList<ILockLease> Leases { get; }

    /// <summary>Cancelled as soon as any member is lost: the set protects the work only while every member holds.</summary>
    CancellationToken LostToken { get; }

    /// <summary>True once <see cref="LostToken"/> has fired.</summary>
    bool IsLost { get; }

    /// <summary>The shortest <see cref="ILease.TimeLeft"/> of the members.</summary>
    TimeSpan TimeLeft { get; }

    /// <summary>The fencing token of <paramref name="key"/>'s lease (0 without fencing).</summary>
    /// <param name="key">One of <see cref="Keys"/>.</param>
    /// <returns>The token.</returns>
    /// <exception cref="KeyNotFoundException">The key is not in the set.</exception>
    long FencingToken(string key);

    /// <summary>Extends every member; true only when all were extended.</summary>
    /// <param name="ttl">The new time to live; <see langword="null"/> reuses the one the set was taken with.</param>
    /// <param name="cancellationToken">Cancels the requests, not the leases.</param>
    /// <returns><see langword="true"/> when every member was extended.</returns>
    ValueTask<bool> ExtendAsync(TimeSpan? ttl = null, CancellationToken cancellationToken = default);
}
