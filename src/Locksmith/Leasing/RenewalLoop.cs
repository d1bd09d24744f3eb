using Microsoft.Extensions.Logging;

namespace Locksmith.Leasing;

/// <summary>
/// One background loop per client that renews every held lease (and watches the expiry of leases without renewal).
/// Leases due at about the same time are renewed together, concurrently, which network backends pipeline into one
/// round trip; a timer per lease would cost a thread-pool wake-up each.
/// </summary>
internal sealed class RenewalLoop : IAsyncDisposable, IDisposable
{
    // Leases due within this window are renewed in the same batch rather than waking the loop again a moment later.
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PriorityQueue<LeaseBase, long> _queue = new();
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

    public void Track(LeaseBase lease, long due)
    {
        CancellationTokenSource? wake = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _queue.Enqueue(lease, due);
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

            var live = _queue.UnorderedItems.Where(item => item.Element.IsHeld).ToList();
            _queue.Clear();
            _queue.EnqueueRange(live);
            _released = 0;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<LeaseBase>();
        var pending = new List<Task<long?>>();
        while (!_stop.IsCancellationRequested)
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
                while (_queue.TryPeek(out var lease, out var due) && due <= horizon)
                {
                    _queue.Dequeue();
                    batch.Add(lease);
                }
            }

            pending.Clear();
            foreach (var lease in batch)
            {
                pending.Add(lease.RenewOrWatchAsync(_stop.Token).AsTask());
            }

            for (var i = 0; i < batch.Count; i++)
            {
                long? next;
                try
                {
                    next = await pending[i].ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                if (next is { } due)
                {
                    lock (_gate)
                    {
                        _queue.Enqueue(batch[i], due);
                    }
                }
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

            delay = _sleepingUntil == long.MaxValue ? Timeout.InfiniteTimeSpan : _time.GetElapsedTime(now, _sleepingUntil);
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
                Log(ex);
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

    private void Log(Exception ex) => _logger.LogError(ex, "The Locksmith renewal loop stopped with an error.");
}
