using System.Diagnostics;
using System.Text.Json;
using Locksmith.Queues;

namespace Locksmith.Weaving;

/// <summary>
/// Replaces a queued method's call by an enqueue, shaped to its return type: the task completes when the item is
/// stored, or, with <see cref="QueuedByAttribute.AwaitResult"/>, when a consumer has run the body. Chosen once per method.
/// </summary>
internal abstract class QueuedCallInvoker
{
    public abstract object? Invoke(QueuePlan plan, object?[] args);

    public static QueuedCallInvoker For(QueuePlan plan, Type returnType)
    {
        var shape = ReturnShape.Of(returnType);
        var waits = plan.Attribute.AwaitResult;
        return shape.Kind switch
        {
            ReturnKind.Void => waits ? new SyncWaiting<object?>() : new Void(),
            ReturnKind.Task => waits ? new TaskWaiting() : new TaskSending(),
            ReturnKind.ValueTask => waits ? new ValueTaskWaiting() : new ValueTaskSending(),
            _ when !waits => throw new NotSupportedException(
                $"{plan.Where}: the method returns {returnType.Name}, but a queued call returns when the item is stored, before any result exists. " +
                "Set AwaitResult = true to wait for the consumer's result, or return Task."),
            ReturnKind.TaskOfT => Create(typeof(TaskOf<>), shape.ResultType!),
            ReturnKind.ValueTaskOfT => Create(typeof(ValueTaskOf<>), shape.ResultType!),
            ReturnKind.Value => Create(typeof(SyncWaiting<>), shape.ResultType!),
            _ => throw new UnreachableException($"Return kind {shape.Kind} has no queued invoker."),
        };
    }

    /// <summary>
    /// Sends the call, or, inside a running queued body, holds it to be published with that item's acknowledgement.
    /// A call that waits for its result is always sent at once: the body needs the result before it can finish.
    /// </summary>
    protected static ValueTask SendAsync(QueuePlan plan, object?[] args)
    {
        var queue = plan.Resolve(LocksmithRuntime.Current(plan.Method, "QueuedBy"));
        var message = plan.CreateMessage(queue.Queues.Options.Serializer, args);
        var options = queue.Options;
        if (QueueDispatchFrame.Current is { BodyRunning: true } frame)
        {
            RequireSameTransport(queue.Queues.Router, plan, frame, options);
            if (frame.TryAddChained(new QueuedCall(message, options)))
            {
                return ValueTask.CompletedTask;
            }
        }

        return queue.Queues.Router.Transport(plan.Where, options).EnqueueAsync(message, options, plan.CallerToken(args));
    }

    protected static async ValueTask<T> SendAndWaitAsync<T>(QueuePlan plan, object?[] args)
    {
        var queue = plan.Resolve(LocksmithRuntime.Current(plan.Method, "QueuedBy"));
        var message = plan.CreateMessage(queue.Queues.Options.Serializer, args);
        var options = queue.Options;
        var reply = await queue.Queues.Router.Transport(plan.Where, options)
            .EnqueueAndWaitAsync(message, options, plan.CallerToken(args)).ConfigureAwait(false);
        if (reply.Error is not null)
        {
            throw new QueuedCallFailedException(message.Queue, message.Id, reply.Error);
        }

        return reply.Result.IsEmpty ? default! : JsonSerializer.Deserialize<T>(reply.Result.Span, queue.Queues.Options.Serializer)!;
    }

    /// <summary>
    /// A chained call is published atomically with the running item's acknowledgement, which only one transport can do:
    /// a call to a queue on another transport would be sent even if the body then failed, so it is refused.
    /// </summary>
    private static void RequireSameTransport(QueueRouter router, QueuePlan plan, QueueDispatchFrame frame, QueueOptions target)
    {
        var running = router.Settings(frame.Delivery.Message.Queue).Transport;
        if (!string.Equals(running, target.Transport, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{plan.Where}: queue \"{plan.Attribute.Queue}\" travels on {target.Transport ?? "the backend's transport"}, but the running item of " +
                $"\"{frame.Delivery.Message.Queue}\" came from {running ?? "the backend's transport"}. A call made inside a queued body is published " +
                "atomically with the item's completion, which needs both queues on one transport: route them the same way with " +
                "ConfigureQueue(name, q => q with { Transport = ... }).");
        }
    }

    private static QueuedCallInvoker Create(Type definition, Type result) =>
        (QueuedCallInvoker)Activator.CreateInstance(definition.MakeGenericType(result))!;

    private static ValueTask SendSafelyAsync(QueuePlan plan, object?[] args)
    {
        try
        {
            return SendAsync(plan, args);
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <summary>A synchronous signature: the caller chose to block until the item is stored.</summary>
    internal sealed class Void : QueuedCallInvoker
    {
        public override object? Invoke(QueuePlan plan, object?[] args)
        {
            var sending = SendAsync(plan, args);
            if (!sending.IsCompletedSuccessfully)
            {
                sending.AsTask().GetAwaiter().GetResult();
            }

            return null;
        }
    }

    private sealed class TaskSending : QueuedCallInvoker
    {
        public override object? Invoke(QueuePlan plan, object?[] args) => SendSafelyAsync(plan, args).AsTask();
    }

    private sealed class ValueTaskSending : QueuedCallInvoker
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "Returned boxed to the woven method, which returns it to its caller unawaited.")]
        public override object? Invoke(QueuePlan plan, object?[] args) => SendSafelyAsync(plan, args);
    }

    private sealed class TaskWaiting : QueuedCallInvoker
    {
        public override object? Invoke(QueuePlan plan, object?[] args) => WaitAsync(plan, args);

        private static async Task WaitAsync(QueuePlan plan, object?[] args) => await SendAndWaitAsync<object?>(plan, args).ConfigureAwait(false);
    }

    private sealed class ValueTaskWaiting : QueuedCallInvoker
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "Returned boxed to the woven method, which returns it to its caller unawaited.")]
        public override object? Invoke(QueuePlan plan, object?[] args) => WaitAsync(plan, args);

        private static async ValueTask WaitAsync(QueuePlan plan, object?[] args) => await SendAndWaitAsync<object?>(plan, args).ConfigureAwait(false);
    }

    private sealed class TaskOf<T> : QueuedCallInvoker
    {
        public override object? Invoke(QueuePlan plan, object?[] args) => WaitAsync(plan, args);

        private static async Task<T> WaitAsync(QueuePlan plan, object?[] args) => await SendAndWaitAsync<T>(plan, args).ConfigureAwait(false);
    }

    private sealed class ValueTaskOf<T> : QueuedCallInvoker
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "Returned boxed to the woven method, which returns it to its caller unawaited.")]
        public override object? Invoke(QueuePlan plan, object?[] args) => SendAndWaitAsync<T>(plan, args);
    }

    /// <summary>A synchronous signature waiting for the result: blocks, as the caller's signature asks.</summary>
    private sealed class SyncWaiting<T> : QueuedCallInvoker
    {
        public override object? Invoke(QueuePlan plan, object?[] args)
        {
            var waiting = SendAndWaitAsync<T>(plan, args);
            return waiting.IsCompletedSuccessfully ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
        }
    }
}
