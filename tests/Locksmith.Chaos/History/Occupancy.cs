using System.Globalization;
using StackExchange.Redis;

namespace Locksmith.Chaos.History;

/// <summary>
/// A semaphore's occupancy as the server sees it: each body enters a sorted set (scored by a short expiry on the
/// server clock) and refreshes its entry at every step, in one script that also drops expired entries and counts. A count
/// above the permits is appended to a list the orchestrator reads at the end. An entry expires after
/// <c>window</c> without a step, shorter than TTL minus the renewal interval, so a body that stopped (killed, paused,
/// cut off) drops out before its permit could have expired and let a new holder in; a late step cannot re-enter.
/// </summary>
public static class Occupancy
{
    // KEYS: occupants, overfull list; ARGV: member, window_ms, permits, mode (enter|step|exit).
    // Returns {count, present}: present is 0 when the member's entry had lapsed (a step that came too late).
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        local window = tonumber(ARGV[2])
        if ARGV[4] == 'exit' then
          redis.call('ZREM', KEYS[1], ARGV[1])
          return {redis.call('ZCARD', KEYS[1]), 1}
        end
        local present = 1
        if ARGV[4] == 'enter' then
          redis.call('ZADD', KEYS[1], now + window, ARGV[1])
        elseif redis.call('ZSCORE', KEYS[1], ARGV[1]) then
          redis.call('ZADD', KEYS[1], now + window, ARGV[1])
        else
          present = 0
        end
        redis.call('PEXPIRE', KEYS[1], window * 4)
        local n = redis.call('ZCARD', KEYS[1])
        if n > tonumber(ARGV[3]) then
          local members = redis.call('ZRANGE', KEYS[1], 0, -1)
          redis.call('RPUSH', KEYS[2], now .. '|' .. n .. '|' .. table.concat(members, ','))
          redis.call('PEXPIRE', KEYS[2], 86400000)
        end
        return {n, present}
        """;

    public static RedisKey OccupantsKey(string semaphore) => $"chaosdata:occ:{{{semaphore}}}";

    public static RedisKey OverfullKey(string semaphore) => $"chaosdata:overfull:{{{semaphore}}}";

    /// <summary>Runs one enter/step/exit; returns the count the server saw and whether this member's entry was live.</summary>
    public static async Task<(int Count, bool Present)> RecordAsync(IDatabaseAsync db, string semaphore, string member, TimeSpan window, int permits, string mode, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(
            Script,
            [OccupantsKey(semaphore), OverfullKey(semaphore)],
            [member, (long)window.TotalMilliseconds, permits, mode]).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        return ((int)result[0], (int)result[1] == 1);
    }

    /// <summary>Reads the overfull moments, converting server wall-clock milliseconds to <see cref="Mono"/> time.</summary>
    public static async Task<List<OccupancyRecord>> ReadOverfullAsync(IDatabaseAsync db, string semaphore)
    {
        var time = await db.ExecuteAsync("TIME").ConfigureAwait(false);
        var parts = (RedisResult[])time!;
        var serverUs = (long)parts[0] * 1_000_000 + (long)parts[1];
        var offsetUs = serverUs - Mono.NowUs();
        var records = new List<OccupancyRecord>();
        foreach (var entry in await db.ListRangeAsync(OverfullKey(semaphore)).ConfigureAwait(false))
        {
            var fields = entry.ToString().Split('|');
            records.Add(new OccupancyRecord(
                semaphore,
                long.Parse(fields[0], CultureInfo.InvariantCulture) * 1000 - offsetUs,
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                fields[2].Split(',')));
        }

        return records;
    }
}
