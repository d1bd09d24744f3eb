namespace Locksmith.Weaving;

/// <summary>
/// The return types a woven method's wrapper tells apart. The [QueuedBy] registry generator, which cannot reference
/// this assembly, has an enum with the same members; a test keeps the two names equal.
/// </summary>
internal enum ReturnKind
{
    /// <summary><c>void</c>: nothing to return, nothing to await.</summary>
    Void,

    /// <summary><c>Task</c>: awaited, no result.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>: awaited for its result.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>: awaited, no result.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>: awaited for its result.</summary>
    ValueTaskOfT,

    /// <summary>
    /// Any other type, returned as it is. Other awaitables (a subclass of <c>Task</c> included) and
    /// <c>IAsyncEnumerable&lt;T&gt;</c> land here too: no wrapper awaits them, so a lease does not cover their work.
    /// </summary>
    Value,
}
