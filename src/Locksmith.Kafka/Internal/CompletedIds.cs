namespace Locksmith.Kafka.Internal;

/// <summary>
/// Ids of items this consumer completed lately, so a copy enqueued again (a caller retrying after a timeout) is skipped
/// rather than run twice. Kept in memory for <see cref="QueueOptions.CompletedIdRetention"/>, at most 100,000 per
/// queue; a copy that reaches another consumer process after a rebalance is not recognised (see docs/queues.md).
/// </summary>
internal sealed class CompletedIds(TimeProvider time, TimeSpan retention)
{
    private const int Capacity = 100_000;
    private readonly Dictionary<ItemIdKey, long> _expiry = [];
    private readonly Queue<(ItemIdKey Id, long Expires)> _order = new();
    private readonly Lock _gate = new();

    public void Add(string id)
    {
        var now = time.GetTimestamp();
        var expires = now + (long)(retention.TotalSeconds * time.TimestampFrequency);
        var key = ItemIdKey.Of(id);
        lock (_gate)
        {
            Sweep(now);
            _expiry[key] = expires;
            _order.Enqueue((key, expires));
        }
    }

    public bool Contains(string id)
    {
        lock (_gate)
        {
            return _expiry.TryGetValue(ItemIdKey.Of(id), out var expires) && expires > time.GetTimestamp();
        }
    }

    private void Sweep(long now)
    {
        while (_order.TryPeek(out var oldest) && (oldest.Expires <= now || _order.Count >= Capacity))
        {
            _order.Dequeue();
            if (_expiry.TryGetValue(oldest.Id, out var expires) && expires == oldest.Expires)
            {
                _expiry.Remove(oldest.Id);
            }
        }
    }
}
