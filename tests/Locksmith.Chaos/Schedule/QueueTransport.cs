namespace Locksmith.Chaos.Schedule;

/// <summary>Which queue transport a queue phase runs on.</summary>
public enum QueueTransport
{
    /// <summary>Redis Streams on one redis-server with an append-only file, each client behind its own fault proxy.</summary>
    Redis,

    /// <summary>librdkafka's mock cluster, inside the orchestrating process; consumers reach it over loopback.</summary>
    Kafka,
}
