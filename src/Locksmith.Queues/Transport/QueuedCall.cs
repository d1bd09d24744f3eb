namespace Locksmith.Queues;

/// <summary>A queued call made inside a running body, waiting to be published with that body's acknowledgement.</summary>
/// <param name="Message">The item.</param>
/// <param name="Options">Its queue's settings (the transport needs the partition count).</param>
public sealed record QueuedCall(QueueMessage Message, QueueOptions Options);
