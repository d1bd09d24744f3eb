using System.Diagnostics;
using Confluent.Kafka;
using Locksmith.Kafka;
using Locksmith.Kafka.Internal;

namespace Locksmith.Benchmarks.Kafka;

/// <summary>
/// End to end: 64 callers enqueue items while one consumer, already in its group and positioned at the end of the topic,
/// runs them. Items per second from the first enqueue to the last item processed, so producing, fetching, running and
/// committing all count, as they do for an application.
/// </summary>
internal static class KafkaPipelineThroughput
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Raw: a hand-written consume loop on a fresh topic, fed by the raw producer.</summary>
    public static async Task<double> RawAsync(KafkaMockCluster cluster, IProducer<byte[]?, byte[]> producer, string topic, int items, CancellationToken cancellationToken)
    {
        using (var admin = new DependentAdminClientBuilder(producer.Handle).Build())
        {
            admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        }

        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consuming = Task.Factory.StartNew(
            () =>
            {
                using var consumer = KafkaRawClients.Consumer(cluster.BootstrapServers, topic + ".group");
                consumer.Subscribe(topic);
                var processed = 0;
                var uncommitted = 0;
                var lastCommit = Stopwatch.GetTimestamp();
                var clock = Stopwatch.StartNew();
                while (processed < items && clock.Elapsed < Deadline)
                {
                    var record = consumer.Consume(50);
                    if (consumer.Assignment.Count > 0)
                    {
                        assigned.TrySetResult();
                    }

                    if (record is { Message: not null })
                    {
                        KafkaRawClients.Read(record.Message.Value);
                        consumer.StoreOffset(record);
                        processed++;
                        uncommitted++;
                        if (uncommitted >= 1_000 || Stopwatch.GetElapsedTime(lastCommit) > TimeSpan.FromMilliseconds(100))
                        {
                            consumer.Commit();
                            uncommitted = 0;
                            lastCommit = Stopwatch.GetTimestamp();
                        }
                    }
                }

                if (uncommitted > 0)
                {
                    consumer.Commit();
                }

                consumer.Close();
                return processed == items ? Stopwatch.GetTimestamp() : throw new TimeoutException($"The raw pipeline consumer processed {processed} of {items}.");
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        await assigned.Task.WaitAsync(Deadline, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await KafkaEnqueueThroughput.RawAsync(producer, topic, items, cancellationToken);
        var finished = await consuming;
        return items / Stopwatch.GetElapsedTime(started, finished).TotalSeconds;
    }

    /// <summary>
    /// Locksmith: a consumer process in a new Locksmith group whose offsets were first set to the topic's end (the stored
    /// items of the consume benchmark stay unread), fed through the woven <see cref="KafkaBenchWork.CountAsync"/>.
    /// </summary>
    public static async Task<double> LocksmithAsync(KafkaMockCluster cluster, KafkaBenchProcess producer, string group, int items, CancellationToken cancellationToken)
    {
        var names = new KafkaNames(new KafkaQueueOptions().TopicPrefix);
        SkipToEnd(cluster.BootstrapServers, names.Items(KafkaBenchWork.ConsumeQueue), names.Group(KafkaBenchWork.ConsumeQueue, group));
        await using var consumer = await KafkaBenchProcess.StartAsync(cluster, group);

        // The group has joined once a first item runs: send one and wait, then time the rest.
        var work = producer.Work;
        using (producer.Runtime.ActivateForCurrentFlow())
        {
            await work.CountAsync(KafkaBenchWork.Keys[0], -1);
        }

        var clock = Stopwatch.StartNew();
        while (consumer.Counter.Runs < 1 && clock.Elapsed < Deadline)
        {
            await Task.Delay(5, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        await KafkaEnqueueThroughput.FillLocksmithAsync(producer, items);
        while (consumer.Counter.Runs < items + 1)
        {
            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"The Locksmith pipeline consumer ran {consumer.Counter.Runs - 1} of {items}.");
            }

            await Task.Delay(2, cancellationToken);
        }

        return items / Stopwatch.GetElapsedTime(started, consumer.Counter.LastTimestamp).TotalSeconds;
    }

    /// <summary>Commits a group's offsets at the topic's end, as <c>kafka-consumer-groups --reset-offsets --to-latest</c> would.</summary>
    private static void SkipToEnd(string servers, string topic, string group)
    {
        using var reader = KafkaRawClients.OffsetReader(servers, group);
        var ends = Enumerable.Range(0, 4)
            .Select(p => new TopicPartition(topic, p))
            .Select(p => new TopicPartitionOffset(p, reader.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High))
            .ToList();
        reader.Commit(ends);
        reader.Close();
    }
}
