using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Locksmith.Queues;

/// <summary>
/// The hosted service of a consumer process: starts the transport's consumers for every queue with a registered
/// [QueuedBy] method when the host starts, and stops them (running bodies finish or see their token cancelled,
/// partitions are given back) when it stops.
/// </summary>
internal sealed class QueueConsumerService(
    LocksmithRuntime runtime, QueueItemDispatcher dispatcher, IOptions<QueueConsumerOptions> consumerOptions, QueuedAssemblies assemblies) : IHostedService
{
    private List<IAsyncDisposable>? _running;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = consumerOptions.Value;
        assemblies.Load();
        var methods = QueuedMethodRegistry.Methods
            .Where(m => options.QueueNames.Count == 0 || options.QueueNames.Contains(m.Attribute.Queue))
            .ToList();
        var missing = options.QueueNames.Where(q => methods.All(m => m.Attribute.Queue != q)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"AddQueueConsumers names queue(s) {string.Join(", ", missing)}, but no registered [QueuedBy] method uses them. " +
                "Check the names, and that the project declaring the methods references the Locksmith package (its generator registers them).");
        }

        if (methods.Count == 0)
        {
            QueueLog.NoQueuedMethods(QueueRuntime.Of(runtime).Logger);
        }

        var queues = methods.GroupBy(m => m.Attribute.Queue).ToDictionary(g => g.Key, g => Resolve(g.Key, g), StringComparer.Ordinal);
        var name = options.ConsumerName ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var running = new List<IAsyncDisposable>();
        try
        {
            foreach (var route in queues.GroupBy(q => QueueRuntime.Of(runtime).Router.Transport($"AddQueueConsumers (queue \"{q.Key}\")", q.Value)))
            {
                var consumption = new QueueConsumption(name, route.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal), dispatcher);

                // The transports' loops inherit this flow: with the runtime already active there, the dispatcher's own
                // activation per item changes nothing and costs no new execution context.
                using (runtime.ActivateForCurrentFlow())
                {
                    running.Add(await route.Key.StartConsumingAsync(consumption, cancellationToken).ConfigureAwait(false));
                }
            }
        }
        catch
        {
            await StopAllAsync(running).ConfigureAwait(false);
            throw;
        }

        _running = running;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, null) is { } running)
        {
            await StopAllAsync(running).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every transport's consumers together, so a slow one does not hold the others' partitions.</summary>
    private static async Task StopAllAsync(List<IAsyncDisposable> running) =>
        await Task.WhenAll(running.Select(r => r.DisposeAsync().AsTask())).ConfigureAwait(false);

    /// <summary>One queue's settings; methods sharing a queue must agree on the values their attributes set.</summary>
    private QueueOptions Resolve(string queue, IEnumerable<QueuedMethod> methods)
    {
        var settings = methods.Select(m => (m.Id, Options: QueueRuntime.Of(runtime).Router.Settings(queue, m.Attribute))).ToList();
        var distinct = settings.Select(s => s.Options).Distinct().ToList();
        if (distinct.Count > 1)
        {
            throw new InvalidOperationException(
                $"The [QueuedBy(\"{queue}\")] methods {string.Join(", ", settings.Select(s => s.Id))} set different MaxAttempts or MaxConcurrency. " +
                "A queue's items share one retry policy and concurrency limit: set them on one method, or with b.ConfigureQueue.");
        }

        return distinct[0];
    }
}
