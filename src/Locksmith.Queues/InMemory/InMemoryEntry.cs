namespace Locksmith.Queues;

/// <summary>An item in a partition; a redriven dead letter is run only by <paramref name="ForGroup"/>.</summary>
internal sealed record InMemoryEntry(long Sequence, QueueMessage Message, DateTimeOffset EnqueuedAt, string? ForGroup = null);
