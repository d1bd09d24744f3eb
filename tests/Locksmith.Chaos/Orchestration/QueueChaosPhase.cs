using System.Diagnostics;
using System.Globalization;
using Locksmith.Chaos.Checking;
using Locksmith.Chaos.History;
using Locksmith.Chaos.Schedule;
using Locksmith.Kafka;
using Locksmith.Testing;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// Runs one queue phase: the transport up (a redis-server with an append-only file and a fault proxy per client, or
/// librdkafka's mock cluster in this process), consumer processes of two groups and one producer started, the seeded
/// schedule injected while the producer enqueues, then the drain (every fault healed, the producer stopped, paused
/// consumers resumed, stopped ones restarted, spare ones gone) until every stored item has an outcome in every group or
/// the drain times out, the consumers stopped, and the history checked.
/// </summary>
public static class QueueChaosPhase
{
    public static async Task<QueueChaosReport> RunAsync(QueueChaosOptions options, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("locksmith-queue-chaos").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var slots = options.Consumers + options.Spares;
        var steps = QueueFaultSchedule.Create(options.Seed, options.Transport, options.Consumers, options.Spares, options.Duration);
        options.Log($"seed {options.Seed}: queues on {options.Transport}, {steps.Count} faults planned over {options.Duration.TotalSeconds:F0} s");

        // Disposed last: the consumers go before the brokers they talk to.
        using var kafka = options.Transport == QueueTransport.Kafka ? KafkaMockCluster.Start() : null;
        await using var cluster = options.Transport == QueueTransport.Redis ? await ChaosCluster.StartAsync(Topology.OneServer, slots + 1) : null;
        string EndPoint(int slot) => cluster is not null ? cluster.Proxies(slot)[0].EndPoint : kafka!.BootstrapServers;
        ClientProcess Start(string role, string id, int slot, string group)
        {
            var log = Path.Combine(directory, id + ".jsonl");
            return ClientProcess.Start(id, log,
            [
                "--role", role, "--id", id, "--seed", options.Seed.ToString(CultureInfo.InvariantCulture), "--log", log,
                "--transport", options.Transport.ToString().ToLowerInvariant(), "--endpoint", EndPoint(slot), "--group", group,
            ]);
        }

        await using var consumers = new ClientSlots(slots, (slot, incarnation) =>
            Start("queue-consumer", $"Q{slot}.{incarnation}", slot, QueueChaosSettings.GroupOfSlot(slot)));
        consumers.StartFirst(options.Consumers);
        await WaitForAsync(() => consumers.All.All(c => Read(c).Any(e => e.Kind == QueueEventKinds.Ready)), "the consumers to start consuming", cancellationToken);

        // The producer's slot is the last proxy: network faults may hit it too (a lost reply makes an enqueue ambiguous).
        await using var producer = Start("queue-producer", "P0.0", slots, "");
        await WaitForAsync(() => Read(producer).Any(e => e.Kind == QueueEventKinds.Enqueued && e.Result == Results.Ok), "the producer's first acknowledged enqueue", cancellationToken);

        var injector = new FaultInjector(cluster, consumers, options.Log);
        await injector.RunAsync(steps, cancellationToken);
        await producer.StopAsync(TimeSpan.FromSeconds(10));

        // Drain: everything healed, every regular consumer back, the spares gone; then wait for every outcome.
        cluster?.HealAll();
        for (var slot = 0; slot < slots; slot++)
        {
            consumers.Resume(slot);
            if (slot < options.Consumers)
            {
                consumers.Revive(slot);
            }
            else
            {
                consumers.Terminate(slot);
            }
        }

        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < options.DrainTimeout && !AllSettled(Collect(options, kafka, consumers, producer, [])))
        {
            await Task.Delay(500, cancellationToken);
        }

        var drained = drain.Elapsed;
        await consumers.StopAllAsync(TimeSpan.FromSeconds(15));
        var history = Collect(options, kafka, consumers, producer, [.. consumers.Records, .. injector.Records]);
        var check = QueueChecker.Check(history);
        await File.WriteAllLinesAsync(Path.Combine(directory, "faults.txt"), history.Faults.OrderBy(f => f.From).Select(f => $"{f.From} {f.To} {f.Kind} {f.Target}"), cancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(directory, "violations.txt"), check.Check.Violations.Select(v => v.ToString()), cancellationToken);
        return new QueueChaosReport(options, injector.Injected, check, directory, drained, started.Elapsed);
    }

    private static bool AllSettled(QueueHistory history) =>
        !QueueChecker.Check(history).Check.Violations.Any(v => v.Rule == Rules.QueueLost);

    private static QueueHistory Collect(QueueChaosOptions options, KafkaMockCluster? kafka, ClientSlots consumers, ClientProcess producer, List<FaultRecord> faults)
    {
        var history = new QueueHistory { UncommittedRecordsVisible = options.Transport == QueueTransport.Kafka };
        foreach (var client in consumers.All.Append(producer))
        {
            history.Events.AddRange(Read(client));
        }

        if (kafka is not null)
        {
            history.Events.AddRange(KafkaDeadLetterTopic.Read(kafka.BootstrapServers, QueueChaosSettings.Queue));
        }

        history.Faults.AddRange(faults);
        return history;
    }

    private static IEnumerable<QueueEvent> Read(ClientProcess client) => EventLog.Read<QueueEvent>(client.LogPath);

    private static Task WaitForAsync(Func<bool> condition, string what, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(60), $"{what} (see the .stderr files beside the client logs)", TimeSpan.FromMilliseconds(200), cancellationToken);
}
