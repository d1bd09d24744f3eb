using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>Creates a partition's consumer group, reading from the stream's beginning so items enqueued before any consumer existed run too.</summary>
internal static class RedisQueueGroups
{
    public static async Task EnsureAsync(IDatabase db, RedisKey stream, string group)
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(stream, group, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another consumer created it first.
        }
    }
}
