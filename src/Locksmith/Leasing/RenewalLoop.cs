using Locksmith.Backends;
using Locksmith.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Locksmith.Leasing;

/// <summary>
/// One background loop per client that renews every held lease and watches every lease's local deadline. Leases due at
/// about the same time are renewed together, concurrently, which network backends pipeline into one round trip; a timer
/// per lease would cost a thread-pool wake-up each, and creating one on every acquisition is work a short lease does
/// not need.
/// </summary>
/// <remarks>
/// The loop never awaits a renewal: each runs on its own and puts its lease back when done. So the loop is a timer that
/// no RPC can hold up, and the deadline watch (the lost signal) rides on it: a lease whose renewal hangs is still
/// reported lost at its deadline, by the loop, not by the call coming back.
/// </remarks>
internal sealed class RenewalLoop : IAsyncDisposable, IDisposable
{
    // Leases due within this window are renewed in the same batch rather than waking the loop again a moment later.
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PriorityQueue<Entry, long> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _wake;
    private long _sleepingUntil = long.MaxValue;
    private int _released;
    private Task? _loop;

    public RenewalLoop(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>How many leases the loop is looking after (released ones leave at their next due time).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Renews <paramref name="lease"/> at <paramref name="due"/>.</summary>
    public void Track(LeaseBase lease, long due) => Enqueue(new Entry(lease, Deadline: false), due);

    /// <summary>
    /// Watches <paramref name="lease"/>'s deadline (<see cref="LeaseBase.LostAt"/>), unless it is watched already: the lease
    /// is reported lost then unless a renewal moved it. Each lease has at most one place in this watch.
    /// </summary>
    public void WatchDeadline(LeaseBase lease)
    {
        if (lease.IsHeld && lease.ClaimDeadlineWatch())
        {
            Enqueue(new Entry(lease, Deadline: true), lease.LostAt);
        }
    }

    private void Enqueue(Entry entry, long due)
    {
        CancellationTokenSource? wake = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _queue.Enqueue(entry, due);
            _loop ??= Task.Run(RunAsync);
            if (due < _sleepingUntil)
            {
                wake = _wake;
            }
        }

        wake?.Cancel();
    }

    /// <summary>
    /// Notes that a tracked lease was released. Released leases leave the queue lazily at their due time; when they
    /// outnumber the live ones the queue is rebuilt, so a process taking millions of short leases holds no garbage.
    /// </summary>
    public void Released()
    {
        lock (_gate)
        {
            if (++_released < 1024 || _released < _queue.Count / 2)
            {
                return;
            }

            var live = _queue.UnorderedItems.Where(item => item.Element.Lease.IsHeld).ToList();
            _queue.Clear();
            _queue.EnqueueRange(live);
            _released = 0;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Entry>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SleepUntilDueAsync().ConfigureAwait(false);
                if (_stop.IsCancellationRequested)
                {
                    break;
                }

                batch.Clear();
                var horizon = _time.GetTimestamp() + (long)(BatchWindow.TotalSeconds * _time.TimestampFrequency);
                lock (_gate)
                {
                    while (_queue.TryPeek(out var entry, out var due) && due <= horizon)
                    {
                        _queue.Dequeue();
                        batch.Add(entry);
                    }
                }

                foreach (var (lease, deadline) in batch)
                {
                    if (!lease.IsHeld)
                    {
                        continue;
                    }

                    if (deadline)
                    {
                        CheckDeadline(lease, horizon);
                        continue;
                    }

                    // Each renewal runs on its own and puts its lease back when it is done: the batch still leaves together
                    // (one pipelined round trip), but a hung renewal never holds up another lease or this loop, and the
                    // deadline watch stands guard while it is out.
                    WatchDeadline(lease);
                    _ = RenewAsync(lease);
                }
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested)
            {
                // The loop must outlive any one failure: a dead loop renews nothing and reports nothing lost.
                Log.RenewalSchedulingFailed(_logger, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void CheckDeadline(LeaseBase lease, long horizon)
    {
        var lostAt = lease.LostAt;
        if (lostAt > horizon)
        {
            // A renewal moved the deadline since the watch was set: keep the same place, at the new deadline.
            Enqueue(new Entry(lease, Deadline: true), lostAt);
            return;
        }

        // Due (at most one batch window early, which only errs on the safe side). Reported from the thread pool: the lost
        // token runs the application's callbacks, and none of them may delay the deadlines of other leases.
        ThreadPool.UnsafeQueueUserWorkItem(static lease => lease.OnDeadline(BatchWindow), lease, preferLocal: false);
    }

    private async Task RenewAsync(LeaseBase lease)
    {
        long? next;
        try
        {
            next = await lease.RenewAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            // RenewAsync handles the backend's failures itself; anything reaching here is a bug, and the safe reading of a
            // lease nobody can renew is that it is lost.
            Log.RenewalLoopFailed(_logger, lease.KindName, lease.Key, ex);
            lease.MarkLost($"the renewal loop failed on it ({ex.GetType().Name}: {ex.Message})");
            return;
        }

        if (next is { } due)
        {
            try
            {
                Track(lease, due);
            }
            catch (ObjectDisposedException)
            {
                // Stopped while the renewal was in flight: the lease expires on the backend after its TTL.
            }
        }
    }

    private async Task SleepUntilDueAsync()
    {
        CancellationTokenSource wake;
        TimeSpan delay;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _sleepingUntil = _queue.TryPeek(out _, out var due) ? due : long.MaxValue;
            if (_sleepingUntil <= now)
            {
                return;
            }

            // Never longer than a timer accepts: the loop wakes, finds nothing due and sleeps again.
            delay = LeaseDeadline.TimerDue(_sleepingUntil == long.MaxValue ? Timeout.InfiniteTimeSpan : _time.GetElapsedTime(now, _sleepingUntil));
            _wake = wake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        }

        try
        {
            await Task.Delay(delay, _time, wake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Woken early by an earlier-due lease, or stopping: the caller looks again either way.
        }
        finally
        {
            lock (_gate)
            {
                _sleepingUntil = long.MaxValue;
                _wake = null;
            }

            wake.Dispose();
        }
    }

    /// <summary>Stops renewing without releasing anything: held leases then expire on the backend after their TTL.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            loop = _loop;
        }

        if (loop is not null)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.RenewalSchedulingFailed(_logger, ex);
            }
        }

        _stop.Dispose();
    }

    /// <summary>Stops renewing without waiting for the loop to wind down; for containers disposed synchronously.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_stop.IsCancellationRequested)
            {
                _stop.Cancel();
            }
        }
    }

    /// <summary>A place in the queue: a renewal due, or a deadline to check.</summary>
    private readonly record struct Entry(LeaseBase Lease, bool Deadline);
}
