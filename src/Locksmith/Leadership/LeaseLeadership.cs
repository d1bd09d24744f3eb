using Locksmith.Diagnostics;

namespace Locksmith.Leadership;

/// <summary>
/// A won election: the fenced lease plus the record, refreshed at a third of the time to live while the lease is
/// trusted. A refresh refused because a newer term is recorded ends the leadership at once.
/// </summary>
internal sealed class LeaseLeadership : ILeadership
{
    private readonly LeaseLeaderElection _election;
    private readonly ILockLease _lease;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stopRefreshing;
    private readonly Task _refreshing;
    private int _resigned;

    public LeaseLeadership(LeaseLeaderElection election, ILockLease lease, LeaderInfo leader)
    {
        _election = election;
        _lease = lease;
        Info = leader;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(lease.LostToken);
        _stopRefreshing = CancellationTokenSource.CreateLinkedTokenSource(election.ShutdownToken);
        _lost.Token.Register(static state => ((LeaseLeadership)state!).OnLost(), this);
        _refreshing = RefreshAsync();
    }

    public LeaderInfo Info { get; }

    /// <summary>The lease that makes this the leadership; tests revoke it behind the leader's back.</summary>
    internal ILockLease Lease => _lease;

    public string Name => Info.Name;

    public string Candidate => Info.Candidate;

    public long Term => Info.Term;

    public DateTimeOffset Since => Info.Since;

    public CancellationToken LostToken => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    public async ValueTask ResignAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _resigned, 1) != 0)
        {
            return;
        }

        // Stop acting first, then stop refreshing, so the record is never written again after it is withdrawn.
        await _lost.CancelAsync().ConfigureAwait(false);
        await _stopRefreshing.CancelAsync().ConfigureAwait(false);
        await _refreshing.ConfigureAwait(false);
        try
        {
            await _election.Records.WithdrawAsync(Name, Term, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LocksmithBackendException or OperationCanceledException)
        {
            // The record expires by itself within the time to live; the release below is what wakes the candidates.
            Log.LeaderRecordWithdrawFailed(_election.Logger, Name, Term, ex);
        }
        finally
        {
            // _lost stays undisposed: LostToken must stay readable after resigning.
            await _lease.DisposeAsync().ConfigureAwait(false);
            _stopRefreshing.Dispose();
            Log.LeadershipResigned(_election.Logger, Name, Candidate, Term);
        }
    }

    public ValueTask DisposeAsync() => ResignAsync();

    private void OnLost()
    {
        if (Volatile.Read(ref _resigned) == 0)
        {
            Log.LeadershipLost(_election.Logger, Name, Candidate, Term);
        }
    }

    private async Task RefreshAsync()
    {
        var interval = _election.Options.Ttl / 3;
        var stop = _stopRefreshing.Token;
        while (!stop.IsCancellationRequested && !_lost.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _election.Time, stop).ConfigureAwait(false);
                if (_lost.IsCancellationRequested)
                {
                    return;
                }

                if (!await _election.Records.PublishAsync(Info, _election.Options.Ttl, stop).ConfigureAwait(false))
                {
                    // A newer term exists: whatever the lease says, another candidate leads now.
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The lease's own renewal decides whether leadership is lost; a record that is not refreshed only
                // makes GetLeaderAsync answer "none" after its time to live.
                Log.LeaderRecordRefreshFailed(_election.Logger, Name, Term, ex);
            }
        }
    }
}
