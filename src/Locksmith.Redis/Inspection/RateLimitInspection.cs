using Locksmith.Redis.Layout;

namespace Locksmith.Redis.Inspection;

/// <summary>Rate limits, read from the keys the rate-limit scripts write.</summary>
internal static class RateLimitInspection
{
    public static async Task<List<RateLimitState>> ReadAsync(InspectionSession session)
    {
        var keys = session.OfKind(RedisKeyKind.RateLimitWindow).Concat(session.OfKind(RedisKeyKind.RateLimitBucket)).OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        var states = await session.ReadAsync(keys, async (db, k) =>
        {
            var window = k.Name.Kind == RedisKeyKind.RateLimitWindow;
            var grants = window ? db.SortedSetLengthAsync(k.Key) : null;
            var ttl = await db.KeyTimeToLiveAsync(k.Key).ConfigureAwait(false);
            return new RateLimitState(
                k.Name.Name,
                k.Key,
                window ? RateLimitAlgorithm.SlidingWindow : RateLimitAlgorithm.TokenBucket,
                grants is null ? null : await grants.ConfigureAwait(false),
                ttl is { } left ? (long)left.TotalMilliseconds : -1);
        }).ConfigureAwait(false);

        // A window that expired since the scan reads as one without grants: leave it out.
        return [.. states.OfType<RateLimitState>().Where(s => s.Grants is null or > 0)];
    }
}
