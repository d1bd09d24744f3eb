using System.Diagnostics;

namespace Locksmith.Weaving;

/// <summary>
/// Wraps a woven method's body according to its return type, so the lease covers the whole asynchronous operation,
/// not just the part before its first await. One instance per return type, chosen once per method; shared by every
/// woven attribute that does something before the body (and, for leases, after it).
/// </summary>
internal abstract class ReturnInvoker
{
    public abstract object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args);

    public static ReturnInvoker For(Type returnType)
    {
        var shape = ReturnShape.Of(returnType);
        return shape.Kind switch
        {
            ReturnKind.Void => new VoidInvoker(),
            ReturnKind.Task => new TaskInvoker(),
            ReturnKind.ValueTask => new ValueTaskInvoker(),
            ReturnKind.TaskOfT => Create(typeof(TaskInvoker<>), shape.ResultType!),
            ReturnKind.ValueTaskOfT => Create(typeof(ValueTaskInvoker<>), shape.ResultType!),
            ReturnKind.Value => Create(typeof(SyncInvoker<>), shape.ResultType!),
            _ => throw new UnreachableException($"Return kind {shape.Kind} has no invoker."),
        };
    }

    /// <summary>
    /// A synchronous method cannot await, so it blocks on the acquisition: the caller chose a synchronous signature.
    /// Locksmith's own awaits use ConfigureAwait(false), so this cannot deadlock on a synchronization context.
    /// </summary>
    protected static GuardScope EnterBlocking(WovenPlan plan, object[] args)
    {
        var entering = plan.EnterAsync(args);
        return entering.IsCompletedSuccessfully ? entering.Result : entering.AsTask().GetAwaiter().GetResult();
    }

    protected static void ExitBlocking(GuardScope scope)
    {
        var exiting = scope.ExitAsync();
        if (!exiting.IsCompletedSuccessfully)
        {
            exiting.AsTask().GetAwaiter().GetResult();
        }
    }

    private static ReturnInvoker Create(Type definition, Type argument) =>
        (ReturnInvoker)Activator.CreateInstance(definition.MakeGenericType(argument))!;
}

internal sealed class VoidInvoker : ReturnInvoker
{
    public override object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args)
    {
        var scope = EnterBlocking(plan, args);
        if (scope.IsSkipped)
        {
            return null;
        }

        try
        {
            using var held = scope.MarkHeld();
            target(args);
            return null;
        }
        finally
        {
            ExitBlocking(scope);
        }
    }
}

internal sealed class SyncInvoker<T> : ReturnInvoker
{
    public override object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args)
    {
        var scope = EnterBlocking(plan, args);
        if (scope.IsSkipped)
        {
            return default(T);
        }

        try
        {
            using var held = scope.MarkHeld();
            return target(args);
        }
        finally
        {
            ExitBlocking(scope);
        }
    }
}

// In the async wrappers the await before the body keeps the caller's context (ConfigureAwait(true)): the body starts
// where the caller would have run it, for example on a UI thread.
internal sealed class TaskInvoker : ReturnInvoker
{
    public override object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args) => RunAsync(plan, target, args);

    private static async Task RunAsync(WovenPlan plan, Func<object[], object> target, object[] args)
    {
        var scope = await plan.EnterAsync(args).ConfigureAwait(true);
        if (scope.IsSkipped)
        {
            return;
        }

        try
        {
            using var held = scope.MarkHeld();
            await ((Task)target(args)).ConfigureAwait(true);
        }
        finally
        {
            await scope.ExitAsync().ConfigureAwait(false);
        }
    }
}

internal sealed class TaskInvoker<T> : ReturnInvoker
{
    public override object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args) => RunAsync(plan, target, args);

    private static async Task<T> RunAsync(WovenPlan plan, Func<object[], object> target, object[] args)
    {
        var scope = await plan.EnterAsync(args).ConfigureAwait(true);
        if (scope.IsSkipped)
        {
            return default!;
        }

        try
        {
            using var held = scope.MarkHeld();
            return await ((Task<T>)target(args)).ConfigureAwait(true);
        }
        finally
        {
            await scope.ExitAsync().ConfigureAwait(false);
        }
    }
}

internal sealed class ValueTaskInvoker : ReturnInvoker
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "Returned boxed to the woven method, which returns it to its caller unawaited.")]
    public override object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args) => RunAsync(plan, target, args);

    private static async ValueTask RunAsync(WovenPlan plan, Func<object[], object> target, object[] args)
    {
        var scope = await plan.EnterAsync(args).ConfigureAwait(true);
        if (scope.IsSkipped)
        {
            return;
        }

        try
        {
            using var held = scope.MarkHeld();
            await ((ValueTask)target(args)).ConfigureAwait(true);
        }
        finally
        {
            await scope.ExitAsync().ConfigureAwait(false);
        }
    }
}

internal sealed class ValueTaskInvoker<T> : ReturnInvoker
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "Returned boxed to the woven method, which returns it to its caller unawaited.")]
    public override object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args) => RunAsync(plan, target, args);

    private static async ValueTask<T> RunAsync(WovenPlan plan, Func<object[], object> target, object[] args)
    {
        var scope = await plan.EnterAsync(args).ConfigureAwait(true);
        if (scope.IsSkipped)
        {
            return default!;
        }

        try
        {
            using var held = scope.MarkHeld();
            return await ((ValueTask<T>)target(args)).ConfigureAwait(true);
        }
        finally
        {
            await scope.ExitAsync().ConfigureAwait(false);
        }
    }
}
