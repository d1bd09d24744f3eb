namespace Locksmith.Queues;

/// <summary>A point in a queue's history to replay from: a time, or a transport position (a stream entry id).</summary>
public readonly record struct QueuePosition
{
    private QueuePosition(DateTimeOffset? time, string? id)
    {
        Time = time;
        Id = id;
    }

    /// <summary>Items enqueued at or after this time, when the position is a time.</summary>
    public DateTimeOffset? Time { get; }

    /// <summary>Items at or after this transport position (a Redis stream entry id such as <c>1700000000000-0</c>), when the position is an id.</summary>
    public string? Id { get; }

    /// <summary>The oldest item still retained.</summary>
    public static QueuePosition Beginning { get; } = new(DateTimeOffset.UnixEpoch, null);

    /// <summary>Items enqueued at or after <paramref name="time"/>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The position.</returns>
    public static QueuePosition FromTime(DateTimeOffset time) => new(time, null);

    /// <summary>Items at or after the transport position <paramref name="id"/>.</summary>
    /// <param name="id">The position.</param>
    /// <returns>The position.</returns>
    public static QueuePosition FromId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new(null, id);
    }
}
