using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Locksmith.Kafka.Internal;

/// <summary>
/// Partition counts of the topics Locksmith uses, read from the cluster's metadata once per topic. On Kafka the topic's
/// own count is the truth: the producer's partitioner and the group's assignment both follow it, so producers and
/// consumers cannot disagree the way two differently configured Redis processes could.
/// </summary>
internal sealed class KafkaTopics(IProducer<byte[]?, byte[]> producer, KafkaClients clients, TimeProvider time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Lazy<Task<int>>> _counts = new(StringComparer.Ordinal);

    /// <summary>The topic's partition count; asking also makes brokers that auto-create topics create it.</summary>
    public Task<int> PartitionsAsync(string topic)
    {
        var lookup = _counts.GetOrAdd(topic, t => new Lazy<Task<int>>(() => Task.Run(() => Read(t))));
        if (lookup.Value.IsFaulted)
        {
            // A failed lookup (cluster down, topic not yet created) is tried again on the next call rather than remembered.
            _counts.TryRemove(new KeyValuePair<string, Lazy<Task<int>>>(topic, lookup));
        }

        return lookup.Value;
    }

    private int Read(string topic)
    {
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        var deadline = time.GetUtcNow() + Timeout;
        Error? last = null;
        while (time.GetUtcNow() < deadline)
        {
            try
            {
                var metadata = admin.GetMetadata(topic, Timeout).Topics.Single();
                if (metadata.Error.Code == ErrorCode.NoError && metadata.Partitions.Count > 0 && metadata.Partitions.All(p => p.Leader >= 0))
                {
                    return metadata.Partitions.Count;
                }

                last = metadata.Error;
            }
            catch (KafkaException e)
            {
                last = e.Error;
            }

            Thread.Sleep(100);
        }

        throw new LocksmithBackendException(
            $"The Kafka topic \"{topic}\" is not available on {clients.Servers} ({last?.Code}: {last?.Reason}). Check the brokers are reachable; " +
            $"if the cluster does not create topics on first use (auto.create.topics.enable=false), create it: " +
            $"kafka-topics.sh --bootstrap-server {clients.Servers} --create --topic {topic} --partitions <n>.");
    }
}
