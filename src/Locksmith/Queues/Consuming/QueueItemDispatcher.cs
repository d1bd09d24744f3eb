using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Queues;

/// <summary>
/// Runs one attempt at an item on a consumer: finds the method in the generated registry, reads the arguments, resolves
/// the service in a fresh scope and calls the woven method, which sees the dispatch frame and runs its body.
/// </summary>
internal sealed class QueueItemDispatcher(IServiceProvider services, LocksmithRuntime runtime) : IQueueItemHandler
{
    private static readonly byte[] NullJson = "null"u8.ToArray();

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
            using var document = JsonDocument.Parse(message.Arguments);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("the arguments are not a JSON array.");
            }

            arguments = new QueuedArguments([.. document.RootElement.EnumerateArray().Select(e => e.Clone())], runtime.Options.QueueSerializer, method.Id);
        }
        catch (JsonException e)
        {
            return QueueItemOutcome.Failure(new QueueArgumentException($"The queued item {message.Id} for {method.Id} has unreadable arguments: {e.Message}", e), retryable: false);
        }

        var frame = new QueueDispatchFrame(method.Id, delivery);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var instance = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, method.DeclaringType);
            ValueTask<object?> running;
            using (runtime.ActivateForCurrentFlow())
            using (QueueDispatchFrame.Enter(frame))
            {
                running = method.Invoker(instance, arguments, cancellationToken);
            }

            var result = await running.ConfigureAwait(false);
            frame.Seal();
            var json = method.ResultType is null ? NullJson : JsonSerializer.SerializeToUtf8Bytes(result, method.ResultType, runtime.Options.QueueSerializer);
            return QueueItemOutcome.Success(json, frame.Chained);
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
}
