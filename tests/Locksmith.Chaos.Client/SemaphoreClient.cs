using Locksmith.Chaos.History;
using StackExchange.Redis;

namespace Locksmith.Chaos.Client;

/// <summary>
/// Calls a woven [Semaphore] method in a loop. Its body enters the server-side occupancy count, steps a few times
/// (each step re-counts), and leaves; the woven CancellationToken fires when the permit is lost.
/// </summary>
internal sealed class SemaphoreClient(IDatabase db, EventLog log, string id, Random random)
{
    private int _count;
    private long _requestedAt;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var lease = $"{id}#{_count++}";
            _requestedAt = Mono.NowUs();
            var steps = random.Next(5) == 0 ? random.Next(10, 25) : random.Next(1, 6);
            try
            {
                // The caller's token never fires: a cancelled body token means the permit was lost.
                await WorkAsync(lease, steps, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Write(EventKinds.AcquireFailed, lease, sentAt: _requestedAt, result: Results.Error(ex));
                await Task.Delay(random.Next(20, 200), CancellationToken.None);
                continue;
            }

            Write(EventKinds.Released, lease);
        }
    }

    [Semaphore(ChaosSettings.SemaphorePermits, Key = ChaosSettings.SemaphoreKey, Ttl = ChaosSettings.SemaphoreTtlText, WaitTimeout = "3s")]
    public async Task WorkAsync(string lease, int steps, CancellationToken cancellationToken)
    {
        log.Write(new ChaosEvent
        {
            Kind = EventKinds.Acquired, Client = id, At = Mono.NowUs(), SentAt = _requestedAt, Lease = lease,
            Key = ChaosSettings.SemaphoreKey, Permits = ChaosSettings.SemaphorePermits,
        });
        string outcome;
        var probe = new LostProbe(log, new ChaosEvent { Kind = EventKinds.Lost, Client = id, Lease = lease, Key = ChaosSettings.SemaphoreKey });
        using (probe.Watch(cancellationToken))
        {
            try
            {
                await StepAsync(lease, "enter", cancellationToken);
                for (var i = 0; i < steps; i++)
                {
                    await Task.Delay(random.Next(30, 150), cancellationToken);
                    await StepAsync(lease, "step", cancellationToken);
                }

                await StepAsync(lease, "exit", cancellationToken);
                outcome = Results.Ok;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                probe.Fire();
                outcome = Results.Cancelled;
            }
            catch (Exception ex)
            {
                outcome = Results.Error(ex);
            }
        }

        Write(EventKinds.BodyEnd, lease, result: outcome);
        if (outcome != Results.Ok)
        {
            // The body has stopped; take its occupancy entry out before the permit goes back, or the next holder would be
            // counted beside a body that no longer runs. Bounded: a cut-off server gets no more than a short try.
            try
            {
                await Occupancy.RecordAsync(db, ChaosSettings.SemaphoreKey, lease, ChaosSettings.OccupancyWindow, ChaosSettings.SemaphorePermits, "exit", CancellationToken.None)
                    .WaitAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Its entry lapses on its own.
            }
        }
    }

    private async Task StepAsync(string lease, string mode, CancellationToken cancellationToken)
    {
        var sentAt = Mono.NowUs();
        var (count, present) = await Occupancy.RecordAsync(db, ChaosSettings.SemaphoreKey, lease, ChaosSettings.OccupancyWindow, ChaosSettings.SemaphorePermits, mode, cancellationToken);
        log.Write(new ChaosEvent
        {
            Kind = EventKinds.Step, Client = id, At = Mono.NowUs(), SentAt = sentAt, Lease = lease, Key = ChaosSettings.SemaphoreKey,
            Occupancy = count, Value = mode, Result = present ? Results.Ok : Results.Lapsed,
        });
    }

    private void Write(string kind, string lease, long? sentAt = null, string? result = null) =>
        log.Write(new ChaosEvent { Kind = kind, Client = id, At = Mono.NowUs(), SentAt = sentAt, Lease = lease, Key = ChaosSettings.SemaphoreKey, Result = result });
}
