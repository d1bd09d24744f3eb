using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Inspection;

/// <summary>Locks, fencing counters and semaphores (plain and fair), read from the keys the lease scripts write.</summary>
internal static class LeaseInspection
{
    public static async Task<List<FenceCounter>> FencesAsync(InspectionSession session)
    {
        var keys = session.OfKind(RedisKeyKind.Fence).ToList();
        var values = await session.ReadAsync(keys, (db, k) => db.StringGetWithExpiryAsync(k.Key)).ConfigureAwait(false);
        var fences = new List<FenceCounter>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (InspectionSession.Integer(values[i].Value) is { } token)
            {
                fences.Add(new FenceCounter(keys[i].Name.Name, keys[i].Key, token, Ttl(values[i].Expiry)));
            }
        }

        return fences;
    }

    public static async Task<List<HeldLock>> LocksAsync(InspectionSession session, List<FenceCounter> fences, Dictionary<string, long> waiters)
    {
        var keys = session.OfKind(RedisKeyKind.Lock).ToList();
        var values = await session.ReadAsync(keys, (db, k) => db.StringGetWithExpiryAsync(k.Key)).ConfigureAwait(false);
        var tokens = fences.ToDictionary(f => f.Key, f => f.LastToken, StringComparer.Ordinal);
        var locks = new List<HeldLock>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (values[i].Value.IsNull)
            {
                continue; // released or expired since the scan
            }

            var name = keys[i].Name.Name;
            locks.Add(new HeldLock(
                name, keys[i].Key, values[i].Value!, Ttl(values[i].Expiry), tokens.TryGetValue(name, out var token) ? token : null, waiters.GetValueOrDefault(keys[i].Key)));
        }

        return locks;
    }

    /// <summary>A semaphore shows when it has permits or a fair line; its four keys are read together.</summary>
    public static async Task<List<SemaphoreState>> SemaphoresAsync(InspectionSession session, Dictionary<string, long> waiters)
    {
        var names = session.Keys
            .Where(k => k.Name.Kind is RedisKeyKind.Semaphore or RedisKeyKind.SemaphoreQueue)
            .Select(k => k.Name.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var layout = session.Layout;
        var permits = await session.ReadAsync(names, (db, n) => db.SortedSetRangeByRankWithScoresAsync(layout.Semaphore(n))).ConfigureAwait(false);
        var line = await session.ReadAsync(names, (db, n) => db.SortedSetRangeByRankWithScoresAsync(layout.SemaphoreQueue(n))).ConfigureAwait(false);
        var places = await session.ReadAsync(names, (db, n) => db.SortedSetRangeByRankWithScoresAsync(layout.SemaphoreWaiters(n))).ConfigureAwait(false);
        var tickets = await session.ReadAsync(names, (db, n) => db.StringGetAsync(layout.SemaphoreTickets(n))).ConfigureAwait(false);
        var semaphores = new List<SemaphoreState>();
        for (var i = 0; i < names.Count; i++)
        {
            var live = (permits[i] ?? []).Where(p => (long)p.Score > session.Now).ToList();
            var expiries = (places[i] ?? []).ToDictionary(p => (string)p.Element!, p => (long)p.Score, StringComparer.Ordinal);
            var queued = (line[i] ?? [])
                .Select(w => new SemaphoreWaiter(w.Element!, (long)w.Score, expiries.TryGetValue(w.Element!, out var expiry) ? expiry - session.Now : -1))
                .ToList();
            var redisKey = layout.Semaphore(names[i]);
            semaphores.Add(new SemaphoreState(
                names[i],
                redisKey,
                live.Count,
                live.Select(p => new SemaphoreHolder(p.Element!, (long)p.Score - session.Now)).ToList(),
                (permits[i]?.Length ?? 0) - live.Count,
                waiters.GetValueOrDefault(redisKey),
                queued,
                InspectionSession.Integer(tickets[i])));
        }

        return semaphores;
    }

    /// <summary>Milliseconds left; -1 for a key without expiry (written by hand), as PTTL says.</summary>
    private static long Ttl(TimeSpan? expiry) => expiry is { } left ? (long)left.TotalMilliseconds : -1;
}
