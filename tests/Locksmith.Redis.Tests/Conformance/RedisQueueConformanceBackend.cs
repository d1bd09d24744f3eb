using Locksmith.Conformance.Queues;
using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Conformance;

/// <summary>
/// The Redis Streams transport for the queue suite: every process connects on its own, and each test gets its own key
/// prefix, so tests sharing a server never see each other's queues.
/// </summary>
public sealed class RedisQueueConformanceBackend(string configuration, IConnectionMultiplexer admin) : QueueConformanceBackend
{
    private readonly string _prefix = $"t{Guid.NewGuid().ToString("N")[..8]}:";

    public override async ValueTask<IReadOnlyList<QueueDeadLetter>> DeadLettersAsync(string queue, int partitions, string group)
    {
        var dead = new List<QueueDeadLetter>();
        for (var partition = 0; partition < partitions; partition++)
        {
            foreach (var entry in await admin.GetDatabase().StreamRangeAsync(new RedisKeyLayout(_prefix).Queue(queue).DeadLetters(partition, group)))
            {
                string Field(string name) => entry.Values.First(v => v.Name == name).Value!;
                dead.Add(new QueueDeadLetter(Field("id"), Field("error_type"), Field("error"), int.Parse(Field("attempts"), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return dead;
    }

    protected override void Use(LocksmithBuilder builder) =>
        builder.UseRedis(configuration).ConfigureRedis(o => o.KeyPrefix = _prefix);
}

public sealed class RedisQueueConformanceTests(RedisServerFixture fixture) : QueueConformanceTests, IClassFixture<RedisServerFixture>
{
    protected override ValueTask<QueueConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<QueueConformanceBackend>(new RedisQueueConformanceBackend(fixture.Server.EndPoint, fixture.Admin));
}

public sealed class ClusterQueueConformanceTests(RedisClusterFixture fixture) : QueueConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override ValueTask<QueueConformanceBackend> CreateBackendAsync() =>
        ValueTask.FromResult<QueueConformanceBackend>(new RedisQueueConformanceBackend(fixture.Cluster.Configuration, fixture.Admin));
}
