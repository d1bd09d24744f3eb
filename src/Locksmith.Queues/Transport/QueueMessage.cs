namespace Locksmith.Queues;

/// <summary>One queued call as it travels through a transport.</summary>
/// <param name="Id">The item's id, unique per call; completion is recorded under it, so a copy delivered twice runs once.</param>
/// <param name="Queue">The queue's name.</param>
/// <param name="Method">The queued method's id (<see cref="QueuedMethod.Id"/>).</param>
/// <param name="Arguments">The arguments as a UTF-8 JSON array, one element per parameter (null for a cancellation token).</param>
/// <param name="PartitionKey">The formatted partition key, or null when the method has none.</param>
/// <param name="ReplyRequested">Whether the caller waits for the body's result.</param>
public sealed record QueueMessage(string Id, string Queue, string Method, ReadOnlyMemory<byte> Arguments, string? PartitionKey, bool ReplyRequested)
{
    /// <summary>A new unique item id.</summary>
    /// <returns>32 hexadecimal digits.</returns>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
