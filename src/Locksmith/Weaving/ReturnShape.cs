namespace Locksmith.Weaving;

/// <summary>
/// A woven method's return type, classified once for every invoker that wraps it (the lock and semaphore wrappers,
/// the queued call), so what counts as a task, a value task or a plain value is decided in one place.
/// </summary>
/// <param name="Kind">How the wrapper completes: at once, or by awaiting a task.</param>
/// <param name="ResultType">
/// The result a caller receives (the <c>T</c> of <c>Task&lt;T&gt;</c>, or the return type itself for
/// <see cref="ReturnKind.Value"/>); null when there is none.
/// </param>
internal readonly record struct ReturnShape(ReturnKind Kind, Type? ResultType)
{
    /// <summary>
    /// A <see cref="ReturnKind.Value"/> that callers await all the same (a public parameterless GetAwaiter, its own or
    /// inherited): the work it stands for goes on after the method returns, where no wrapper waits for it.
    /// </summary>
    public bool IsOtherAwaitable => Kind == ReturnKind.Value && ResultType!.GetMethod("GetAwaiter", Type.EmptyTypes) is not null;

    /// <summary>Only the exact task types are awaited: a subclass or another awaitable is a <see cref="ReturnKind.Value"/>.</summary>
    public static ReturnShape Of(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return new(ReturnKind.Void, null);
        }

        if (returnType == typeof(Task))
        {
            return new(ReturnKind.Task, null);
        }

        if (returnType == typeof(ValueTask))
        {
            return new(ReturnKind.ValueTask, null);
        }

        if (returnType.IsGenericType)
        {
            var definition = returnType.GetGenericTypeDefinition();
            if (definition == typeof(Task<>))
            {
                return new(ReturnKind.TaskOfT, returnType.GetGenericArguments()[0]);
            }

            if (definition == typeof(ValueTask<>))
            {
                return new(ReturnKind.ValueTaskOfT, returnType.GetGenericArguments()[0]);
            }
        }

        return new(ReturnKind.Value, returnType);
    }
}
