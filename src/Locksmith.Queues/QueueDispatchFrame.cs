using Locksmith.Queues;

namespace Locksmith;

/// <summary>
/// The item a consumer is running in the current async flow. The woven method sees it and runs its body instead of
/// enqueueing again; queued calls the body makes collect here, to be published with the item's acknowledgement.
/// </summary>
internal sealed class QueueDispatchFrame(string methodId, QueueDelivery delivery)
{
    private static readonly AsyncLocal<QueueDispatchFrame?> Frame = new();
    private readonly List<QueuedCall> _chained = [];
    private int _entered;
    private bool _sealed;

    public static QueueDispatchFrame? Current => Frame.Value;

    public QueueDelivery Delivery { get; } = delivery;

    public IReadOnlyList<QueuedCall> Chained
    {
        get
        {
            lock (_chained)
            {
                // Most bodies chain nothing: no copy for them.
                return _chained.Count == 0 ? [] : [.. _chained];
            }
        }
    }

    /// <summary>Whether the body is running; the first call of the dispatched method is the dispatch itself, later ones enqueue.</summary>
    public bool BodyRunning => Volatile.Read(ref _entered) == 1;

    public static Scope Enter(QueueDispatchFrame frame)
    {
        var previous = Frame.Value;
        Frame.Value = frame;
        return new Scope(previous);
    }

    /// <summary>Claims the frame for the woven call of <paramref name="id"/>: true once, for the consumer's own call.</summary>
    public bool TryEnter(string id) => id == methodId && Interlocked.CompareExchange(ref _entered, 1, 0) == 0;

    /// <summary>Holds a queued call until the item is acknowledged; false once the body has finished (background work outliving it).</summary>
    public bool TryAddChained(QueuedCall call)
    {
        lock (_chained)
        {
            if (_sealed)
            {
                return false;
            }

            _chained.Add(call);
            return true;
        }
    }

    /// <summary>Ends collection: calls made afterwards are sent directly.</summary>
    public void Seal()
    {
        lock (_chained)
        {
            _sealed = true;
        }
    }

    internal readonly struct Scope(QueueDispatchFrame? previous) : IDisposable
    {
        public void Dispose() => Frame.Value = previous;
    }
}
