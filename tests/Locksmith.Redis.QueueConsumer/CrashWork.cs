using StackExchange.Redis;

namespace Locksmith.Redis.QueueConsumer;

/// <summary>
/// The queued method the crash tests run. Every start and every completion is written to Redis lists with the process
/// id, so a test can tell which process ran what; an item marked to block does so in the first process that runs it,
/// giving the test a consumer to kill mid-item.
/// </summary>
public sealed class CrashWork(IConnectionMultiplexer redis, CrashWorkSettings settings)
{
    /// <summary>The queue's name.</summary>
    public const string Queue = "crash-work";

    [QueuedBy(Queue, PartitionKey = "{key}")]
    public Task ProcessAsync(string key, string id, bool blockFirstRun, CancellationToken cancellationToken) =>
        RecordAsync(key, id, blockFirstRun, cancellationToken);

    /// <summary>The queue of <see cref="NarrowAsync"/>: one body at a time across its partitions, one attempt per item.</summary>
    public const string NarrowQueue = "crash-narrow";

    /// <summary>What <see cref="ProcessAsync"/> does, on a queue whose consumer runs one body at a time.</summary>
    [QueuedBy(NarrowQueue, PartitionKey = "{key}", MaxAttempts = 1, MaxConcurrency = 1)]
    public Task NarrowAsync(string key, string id, bool blockFirstRun, CancellationToken cancellationToken) =>
        RecordAsync(key, id, blockFirstRun, cancellationToken);

    private async Task RecordAsync(string key, string id, bool blockFirstRun, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var pid = Environment.ProcessId;
        await db.ListRightPushAsync(settings.Prefix + "started", $"{id}:{pid}");
        if (blockFirstRun && await db.StringSetAsync(settings.Prefix + "blocked:" + id, pid, when: When.NotExists))
        {
            Console.WriteLine($"blocking {id}");
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await db.ListRightPushAsync(settings.Prefix + "completed", $"{id}:{key}:{pid}");
    }

    /// <summary>The queue of <see cref="SlowAsync"/>: a backlog that outlives several consumer processes.</summary>
    public const string BacklogQueue = "crash-backlog";

    /// <summary>A body that takes <paramref name="millis"/> ms (cancellable), recorded like <see cref="ProcessAsync"/>.</summary>
    [QueuedBy(BacklogQueue, PartitionKey = "{key}")]
    public async Task SlowAsync(string key, string id, int millis, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var pid = Environment.ProcessId;
        await db.ListRightPushAsync(settings.Prefix + "started", $"{id}:{pid}");
        await Task.Delay(millis, cancellationToken);
        await db.ListRightPushAsync(settings.Prefix + "completed", $"{id}:{key}:{pid}");
    }

    /// <summary>A poison item of the worst kind: its body takes the whole consumer process down (SIGKILL on itself).</summary>
    [QueuedBy("crash-poison", MaxAttempts = 2)]
    public async Task CrashAsync(string id)
    {
        await redis.GetDatabase().ListRightPushAsync(settings.Prefix + "started", $"{id}:{Environment.ProcessId}");
        Console.WriteLine($"crashing on {id}");
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}

/// <summary>Where the crash tests' records go.</summary>
public sealed record CrashWorkSettings(string Prefix);
