using System.Runtime.CompilerServices;
using Locksmith.Backends;
using Locksmith.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Locksmith.Leadership;

/// <summary>
/// Leader election on any backend: the leadership is a fenced lock lease on <see cref="LeaseKeyOf"/> the name (so its
/// term is the lease's fencing token, and waiting candidates wake on its release notice), described by a record in the
/// backend's <see cref="ILeaderRecordStore"/>.
/// </summary>
internal sealed class LeaseLeaderElection(
    ILockProvider locks,
    ILeaderRecordStore records,
    LeaderElectionOptions options,
    TimeProvider time,
    ILogger logger) : ILeaderElection, IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();

    public LeaderElectionOptions Options => options;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    public ILeaderRecordStore Records => records;

    /// <summary>Fires when the container is disposed: leaderships stop refreshing their records, as a stopped process would.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>The lock key a leadership holds: apart from user locks, one per election.</summary>
    public static string LeaseKeyOf(string name) => "leader/" + name;

    public async ValueTask<ILeadership> CampaignAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        while (true)
        {
            var lease = await locks.AcquireAsync(LeaseKeyOf(name), LeaseOptions(Timeout.InfiniteTimeSpan), cancellationToken).ConfigureAwait(false);
            if (await BeginAsync(name, lease, cancellationToken).ConfigureAwait(false) is { } leadership)
            {
                return leadership;
            }
        }
    }

    public async ValueTask<ILeadership?> TryCampaignAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var lease = await locks.TryAcquireAsync(LeaseKeyOf(name), LeaseOptions(TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        return lease is null ? null : await BeginAsync(name, lease, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<LeaderInfo?> GetLeaderAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return records.ReadAsync(name, cancellationToken);
    }

    public IAsyncEnumerable<LeaderInfo?> WatchAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return WatchCoreAsync(name, cancellationToken);
    }

    private async IAsyncEnumerable<LeaderInfo?> WatchCoreAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var changed = new SemaphoreSlim(0, 1);
        void Signal()
        {
            try
            {
                if (changed.CurrentCount == 0)
                {
                    changed.Release();
                }
            }
            catch (SemaphoreFullException)
            {
                // Another notice got there first: one pending wake-up is enough.
            }
            catch (ObjectDisposedException)
            {
                // A notice arriving after the watch ended.
            }
        }

        var subscription = await records.SubscribeAsync(name, Signal, cancellationToken).ConfigureAwait(false);
        try
        {
            LeaderInfo? last = null;
            var first = true;
            while (true)
            {
                var current = await records.ReadAsync(name, cancellationToken).ConfigureAwait(false);
                if (first || current != last)
                {
                    first = false;
                    last = current;
                    yield return current;
                }

                // The record of a crashed leader expires without a notice, and a notice can be lost: re-read now and then.
                await WaitForChangeAsync(changed, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops every leadership's record refresh without resigning, like the lock providers, which stop renewing without
    /// releasing: resigning is the holder's call (<c>await using</c>, or the end of a <see cref="ClusterSingletonAttribute"/> body).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        // Not disposed: a campaign that races the container's disposal must still be able to link to the token.
        await _shutdown.CancelAsync().ConfigureAwait(false);
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => _shutdown.Cancel();

    private async Task WaitForChangeAsync(SemaphoreSlim changed, CancellationToken cancellationToken)
    {
        using var recheck = new CancellationTokenSource(options.WatchRecheckInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(recheck.Token, cancellationToken);
        try
        {
            await changed.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Time to re-read.
        }
    }

    private LockOptions LeaseOptions(TimeSpan waitTimeout) =>
        new() { Ttl = options.Ttl, WaitTimeout = waitTimeout, Fencing = true, Renew = true };

    /// <summary>Records the new term; null when a newer one is already recorded (the lease is then given back).</summary>
    private async ValueTask<ILeadership?> BeginAsync(string name, ILockLease lease, CancellationToken cancellationToken)
    {
        var leader = new LeaderInfo(name, options.Candidate, lease.FencingToken, time.GetUtcNow());
        try
        {
            if (!await records.PublishAsync(leader, options.Ttl, cancellationToken).ConfigureAwait(false))
            {
                await lease.DisposeAsync().ConfigureAwait(false);
                return null;
            }
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Log.LeadershipWon(logger, name, leader.Candidate, leader.Term);
        return new LeaseLeadership(this, lease, leader);
    }
}
