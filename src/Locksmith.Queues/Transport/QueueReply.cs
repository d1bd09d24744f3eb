namespace Locksmith.Queues;

/// <summary>What a consumer sends back to a caller waiting with <see cref="QueuedByAttribute.AwaitResult"/>.</summary>
/// <param name="Result">The body's result as UTF-8 JSON (<c>null</c> for a body without a result); empty when it failed.</param>
/// <param name="Error">Why the body failed on every attempt, or null when it succeeded.</param>
public sealed record QueueReply(ReadOnlyMemory<byte> Result, QueueError? Error);
