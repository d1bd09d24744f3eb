namespace Locksmith.Generators.Queues.Model
{
    /// <summary>One parameter of a queued method.</summary>
    /// <param name="RuntimeType">The type as <c>typeof</c> takes it: no nullable reference annotations, tuples as <c>ValueTuple</c>.</param>
    /// <param name="ArgumentType">The type as declared, annotations included, for <c>QueuedArguments.Get&lt;T&gt;</c>.</param>
    /// <param name="IsCancellationToken">Whether the parameter takes the consumer's token instead of an argument from the item.</param>
    internal sealed record QueuedParameterSpec(string RuntimeType, string ArgumentType, bool IsCancellationToken);
}
