using Locksmith.Chaos.History;
using Locksmith.Redis;
using StackExchange.Redis;

namespace Locksmith.Chaos.Client;

/// <summary>
/// Read-modify-writes of a fenced register under a fenced lock: claim the register with the lease's token (which fences
/// off every older holder), work, read it back, work, write. Every step observes the lease's LostToken.
/// </summary>
/// <remarks>
/// The lock is taken programmatically: a woven [DistributedLock] body has no way to read its lease's fencing token, and
/// the fenced register needs it.
/// </remarks>
internal sealed class LockClient(ILockProvider locks, IDatabase db, EventLog log, string id, Random random)
{
    private int _count;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var key = ChaosSettings.LockKeys[random.Next(ChaosSettings.LockKeys.Length)];
            var lease = $"{id}#{_count++}";
            var requestedAt = Mono.NowUs();
            ILockLease held;
            try
            {
                held = await locks.AcquireAsync(key, new LockOptions { Ttl = ChaosSettings.LockTtl, WaitTimeout = ChaosSettings.LockWait, Fencing = true }, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Write(EventKinds.AcquireFailed, lease, key, 0, sentAt: requestedAt, result: Results.Error(ex));
                await Task.Delay(random.Next(20, 200), CancellationToken.None);
                continue;
            }

            Write(EventKinds.Acquired, lease, key, held.FencingToken, sentAt: requestedAt);
            var probe = new LostProbe(log, new ChaosEvent { Kind = EventKinds.Lost, Client = id, Lease = lease, Key = key, Token = held.FencingToken });
            using (probe.Watch(held.LostToken))
            {
                var outcome = await BodyAsync(lease, key, held.FencingToken, held.LostToken);
                if (outcome == Results.Cancelled)
                {
                    probe.Fire();
                }

                Write(EventKinds.BodyEnd, lease, key, held.FencingToken, result: outcome);
            }

            await held.DisposeAsync();
            Write(EventKinds.Released, lease, key, held.FencingToken);
        }
    }

    private async Task<string> BodyAsync(string lease, string key, long token, CancellationToken lost)
    {
        var register = ChaosSettings.RegisterKey(key);
        try
        {
            var claim = new RegisterValue(token, lease, "claim").ToString();
            if (!await RequestAsync(EventKinds.Claim, lease, key, token, claim, () => FencedRedisValue.TrySetAsync(db, register, claim, token, lost)))
            {
                return Results.Rejected;
            }

            // Mostly short bodies; one in five outlives the TTL, so renewal has to keep the lease.
            await Task.Delay(random.Next(5) == 0 ? random.Next(1000, 2500) : random.Next(10, 300), lost);
            var sentAt = Mono.NowUs();
            var seen = await FencedRedisValue.GetAsync(db, register, lost);
            Write(EventKinds.Read, lease, key, token, sentAt: sentAt, value: seen.ToString(), result: Results.Ok);
            await Task.Delay(random.Next(0, 100), lost);
            var value = new RegisterValue(token, lease, "write").ToString();
            return await RequestAsync(EventKinds.Write, lease, key, token, value, () => FencedRedisValue.TrySetAsync(db, register, value, token, lost))
                ? Results.Ok
                : Results.Rejected;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            return Results.Cancelled;
        }
        catch (Exception ex)
        {
            return Results.Error(ex);
        }
    }

    private async Task<bool> RequestAsync(string kind, string lease, string key, long token, string value, Func<Task<bool>> send)
    {
        var sentAt = Mono.NowUs();
        try
        {
            var accepted = await send();
            Write(kind, lease, key, token, sentAt: sentAt, value: value, result: accepted ? Results.Ok : Results.Rejected);
            return accepted;
        }
        catch (Exception ex)
        {
            // Unknown outcome: the server may have run it.
            Write(kind, lease, key, token, sentAt: sentAt, value: value, result: Results.Error(ex));
            throw;
        }
    }

    private void Write(string kind, string lease, string key, long token, long? sentAt = null, string? value = null, string? result = null) =>
        log.Write(new ChaosEvent { Kind = kind, Client = id, At = Mono.NowUs(), SentAt = sentAt, Lease = lease, Key = key, Token = token, Value = value, Result = result });
}
