using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Queues;

/// <summary>
/// Runs one attempt at an item on a consumer: finds the method in the generated registry, reads the arguments, resolves
/// the service (from a fresh scope unless it is a singleton) and calls the woven method, which sees the dispatch frame
/// and runs its body.
/// </summary>
/// <param name="services">The container.</param>
/// <param name="runtime">The runtime the bodies run under.</param>
/// <param name="registrations">The container's registrations, read once per service type to learn its lifetime.</param>
internal sealed class QueueItemDispatcher(IServiceProvider services, LocksmithRuntime runtime, IServiceCollection registrations) : IQueueItemHandler
{
    private static readonly byte[] NullJson = "null"u8.ToArray();

    /// <summary>Per declaring type, whether it is registered as a singleton (the last registration wins, as in resolution).</summary>
    private readonly ConcurrentDictionary<Type, bool> _singletons = new();

    // Looked up once: the runtime, and so its queue settings, is fixed for the dispatcher's life.
    private readonly JsonSerializerOptions _serializer = QueueRuntime.Of(runtime).Options.Serializer;

    public async ValueTask<QueueItemOutcome> HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        var method = QueuedMethodRegistry.Find(message.Method);
        if (method is null)
        {
            return QueueItemOutcome.Failure(
                new InvalidOperationException(
                    $"No [QueuedBy] method with id {message.Method} is registered in this consumer process. Deploy consumers built from the code " +
                    "that enqueued it; the Locksmith generator registers every [QueuedBy] method of a project that references the Locksmith package."),
                retryable: false);
        }

        QueuedArguments arguments;
        try
        {
            arguments = QueuedArguments.Read(message.Arguments, _serializer, method.Id);
        }
        catch (JsonException e)
        {
            return QueueItemOutcome.Failure(new QueueArgumentException($"The queued item {message.Id} for {method.Id} has unreadable arguments: {e.Message}", e), retryable: false);
        }

        var frame = new QueueDispatchFrame(method.Id, delivery);
        try
        {
            AsyncServiceScope? scope = null;
            try
            {
                object? instance = null;
                if (!method.IsStatic && IsSingleton(method.DeclaringType))
                {
                    // A scope per item would only be created and disposed around the same instance.
                    instance = services.GetRequiredService(method.DeclaringType);
                }
                else if (!method.IsStatic)
                {
                    scope = services.CreateAsyncScope();
                    instance = ActivatorUtilities.GetServiceOrCreateInstance(scope.Value.ServiceProvider, method.DeclaringType);
                }

                ValueTask<object?> running;
                using (runtime.ActivateForCurrentFlow())
                using (QueueDispatchFrame.Enter(frame))
                {
                    running = method.Invoker(instance, arguments, cancellationToken);
                }

                var result = await running.ConfigureAwait(false);
                frame.Seal();
                var json = method.ResultType is null ? NullJson : JsonSerializer.SerializeToUtf8Bytes(result, method.ResultType, _serializer);
                return QueueItemOutcome.Success(json, frame.Chained);
            }
            finally
            {
                if (scope is { } created)
                {
                    await created.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (QueueArgumentException e)
        {
            frame.Seal();
            return QueueItemOutcome.Failure(e, retryable: false);
        }
        catch (Exception e)
        {
            frame.Seal();
            return QueueItemOutcome.Failure(e, retryable: true);
        }
    }

    private bool IsSingleton(Type type) =>
        _singletons.GetOrAdd(
            type,
            static (type, registrations) => registrations.LastOrDefault(d => d.ServiceType == type && !d.IsKeyedService)?.Lifetime == ServiceLifetime.Singleton,
            registrations);
}
