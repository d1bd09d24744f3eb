namespace Locksmith;

/// <summary>This process's leadership of one election, from <see cref="ILeaderElection.CampaignAsync"/>.</summary>
public interface ILeadership : IAsyncDisposable
{
    /// <summary>The election's name.</summary>
    string Name { get; }

    /// <summary>Who leads: <see cref="LeaderElectionOptions.Candidate"/> of this process.</summary>
    string Candidate { get; }

    /// <summary>
    /// The term: the fencing token of the leadership's lease, strictly greater than every earlier term of this election
    /// (on Redlock too). Stamp writes with it and have the resource refuse older terms.
    /// </summary>
    long Term { get; }

    /// <summary>When this term began, by this process's clock.</summary>
    DateTimeOffset Since { get; }

    /// <summary>
    /// Cancelled when this process must stop acting as leader: its lease was lost (a local timer decides, not a late
    /// reply), the backend recorded a newer term, or it resigned.
    /// </summary>
    CancellationToken LostToken { get; }

    /// <summary>True once <see cref="LostToken"/> has fired.</summary>
    bool IsLost { get; }

    /// <summary>Gives up the leadership now: the record is withdrawn and the lease released, which wakes the other candidates at once.</summary>
    /// <param name="cancellationToken">Stops waiting for the backend; the lease then expires after its time to live.</param>
    /// <returns>A task that completes once resigned.</returns>
    ValueTask ResignAsync(CancellationToken cancellationToken = default);
}
