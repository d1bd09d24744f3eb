namespace Locksmith.Generators.Queues.Model
{
    /// <summary>The shapes of result the invoker normalizes to <c>ValueTask&lt;object?&gt;</c>.</summary>
    internal enum QueuedReturnKind
    {
        /// <summary><c>void</c>: called, then a completed null.</summary>
        Void,

        /// <summary><c>Task</c>: awaited, then null.</summary>
        Task,

        /// <summary><c>Task&lt;T&gt;</c>: awaited, its result boxed.</summary>
        TaskOfT,

        /// <summary><c>ValueTask</c>: awaited, then null.</summary>
        ValueTask,

        /// <summary><c>ValueTask&lt;T&gt;</c>: awaited, its result boxed.</summary>
        ValueTaskOfT,

        /// <summary>Any other type: the value itself, boxed.</summary>
        Value,
    }
}
