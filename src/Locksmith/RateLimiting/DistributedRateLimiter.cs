using System.Threading.RateLimiting;
using Locksmith.Backends;

namespace Locksmith.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> over a backend's shared budget. Every acquisition asks the backend (see
/// <see cref="IRateLimiterProvider"/> for why <see cref="AttemptAcquireCore"/> does not); the limiter itself keeps only
/// what it last heard, for statistics and the synchronous answers.
/// </summary>
internal sealed class DistributedRateLimiter : RateLimiter
{
    private readonly RateLimitGate _gate;
    private readonly string _key;
    private readonly RateLimitPolicy _policy;
    private readonly TimeSpan _waitTimeout;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _sync = new();

    // What the last decision said, under _sync: permits left, and (after a refusal) the timestamp the next is expected at.
    private long _lastRemaining;
    private long _retryAt;
    private long _lastActivity;
    private int _waiting;
    private long _successful;
    private long _failed;

    public DistributedRateLimiter(RateLimitGate gate, string key, DistributedRateLimiterOptions options)
    {
        _gate = gate;
        _key = key;
        _policy = options.Policy;
        _waitTimeout = options.WaitTimeout;
        _lastRemaining = _policy.Limit;
        _lastActivity = gate.Time.GetTimestamp();
    }

    /// <summary>
    /// How long since this limiter last asked the backend, or null while a call waits. The budget lives on the backend,
    /// so this says when the local object is unused (what the partitioned limiter needs to drop it), not whether other
    /// processes have spent the permits since.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_sync)
            {
                return _waiting > 0 ? null : _gate.Time.GetElapsedTime(_lastActivity);
            }
        }
    }

    /// <summary>
    /// The available permits as of the last decision this limiter saw (the backend's count, other processes included,
    /// at that moment), the calls waiting here, and this limiter's own successes and failures.
    /// </summary>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_sync)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _lastRemaining,
                CurrentQueuedCount = _waiting,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <summary>
    /// Answers from what this limiter last heard, without a round trip: a shared budget cannot be spent synchronously
    /// without blocking a thread on the network. So it never takes a permit: for 0 permits it says whether the last
    /// decision left one free; otherwise it fails, with the last known retry-after when a refusal is still running,
    /// and the caller goes on to <see cref="RateLimiter.AcquireAsync"/> (the ASP.NET Core middleware does exactly that).
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        lock (_sync)
        {
            var retryAfter = _retryAt == 0 ? TimeSpan.Zero : _gate.Time.GetElapsedTime(_gate.Time.GetTimestamp(), _retryAt);
            if (permitCount == 0)
            {
                return _lastRemaining > 0 || retryAfter <= TimeSpan.Zero ? DistributedRateLimitLease.Acquired : DistributedRateLimitLease.Failed(retryAfter);
            }

            return retryAfter > TimeSpan.Zero ? DistributedRateLimitLease.Failed(retryAfter) : DistributedRateLimitLease.FailedWithoutRetryAfter;
        }
    }

    /// <summary>
    /// Asks the backend; when the permits are not free and the retry-after it returns fits in the wait timeout, waits that
    /// long and asks again. Cancelling <paramref name="cancellationToken"/> ends the wait with
    /// <see cref="OperationCanceledException"/>; disposing the limiter ends it with a failed lease.
    /// </summary>
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        lock (_sync)
        {
            _waiting++;
        }

        // A token that cannot fire needs no linking: the disposal token alone ends the wait (and costs no allocation).
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token) : null;
        RateLimitDecision? decision = null;
        try
        {
            decision = await _gate.AcquireAsync(_key, _policy, permitCount, _waitTimeout, linked?.Token ?? _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Disposed while waiting: like .NET's own limiters, queued requests end with a failed lease.
        }
        finally
        {
            Record(decision);
        }

        return decision switch
        {
            { Granted: true } => DistributedRateLimitLease.Acquired,
            { } refused => DistributedRateLimitLease.Failed(refused.RetryAfter),
            null => DistributedRateLimitLease.FailedWithoutRetryAfter,
        };
    }

    protected override void Dispose(bool disposing)
    {
        // Cancelled, never disposed: a call racing with disposal may still read its token, and a source without a
        // timer holds nothing that needs disposing.
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private void Record(RateLimitDecision? decision)
    {
        lock (_sync)
        {
            _waiting--;
            var now = _gate.Time.GetTimestamp();
            _lastActivity = now;
            if (decision is not { } seen)
            {
                return;
            }

            _lastRemaining = seen.Remaining;
            if (seen.Granted)
            {
                _successful++;
                _retryAt = 0;
            }
            else
            {
                _failed++;
                _retryAt = now + (long)(seen.RetryAfter.TotalSeconds * _gate.Time.TimestampFrequency);
            }
        }
    }

    private void CheckPermitCount(int permitCount)
    {
        if (permitCount < 0 || permitCount > _policy.Limit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(permitCount), permitCount, $"The rate limit '{_key}' grants at most {_policy.Limit} permits at once; ask for 0 to {_policy.Limit}.");
        }
    }
}
