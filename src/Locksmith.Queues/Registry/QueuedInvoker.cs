namespace Locksmith.Queues;

/// <summary>
/// Calls one queued method with arguments read from the queue; generated for each <see cref="QueuedByAttribute"/>
/// method, so consumers need no reflection.
/// </summary>
/// <param name="instance">The service to call the method on; null for a static method.</param>
/// <param name="arguments">The call's arguments.</param>
/// <param name="cancellationToken">The consumer's token, passed to the method's <see cref="CancellationToken"/> parameter.</param>
/// <returns>The method's result (null when it has none), once its body has finished.</returns>
public delegate ValueTask<object?> QueuedInvoker(object? instance, QueuedArguments arguments, CancellationToken cancellationToken);
