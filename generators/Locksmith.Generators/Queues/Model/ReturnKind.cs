namespace Locksmith.Generators.Queues.Model
{
    /// <summary>
    /// The return types the generated invoker normalizes to <c>ValueTask&lt;object?&gt;</c>. The members are the core's
    /// <c>Locksmith.Weaving.ReturnKind</c>, which this netstandard2.0 assembly cannot reference; a test keeps the names equal.
    /// </summary>
    internal enum ReturnKind
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

        /// <summary>Any other type, other awaitables included: the value itself, boxed.</summary>
        Value,
    }
}
