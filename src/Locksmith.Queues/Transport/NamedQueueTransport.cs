namespace Locksmith.Queues;

/// <summary>A queue transport registered beside the backend's own, which queues choose with <see cref="QueueOptions.Transport"/>.</summary>
/// <param name="Name">The name queues route to.</param>
/// <param name="Transport">The transport; disposed with the container when it is disposable.</param>
internal sealed record NamedQueueTransport(string Name, IQueueTransport Transport) : IDisposable
{
    public void Dispose() => (Transport as IDisposable)?.Dispose();
}
