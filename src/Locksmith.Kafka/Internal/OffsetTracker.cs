namespace Locksmith.Kafka.Internal;

/// <summary>
/// What a partition may commit: the offset after the longest run of delivered records that are all completed. A record
/// completed while an earlier one is still running is held back, so a commit never skips unfinished work; Kafka's own
/// offsets are not used for contiguity, since transaction markers leave gaps between records.
/// </summary>
internal sealed class OffsetTracker
{
    private readonly LinkedList<(long Offset, bool Completed)> _delivered = new();
    private readonly Dictionary<long, LinkedListNode<(long Offset, bool Completed)>> _nodes = [];
    private long _committable = -1;
    private long _committed = -1;

    /// <summary>Records that are delivered and not yet committable.</summary>
    public int Pending => _delivered.Count;

    /// <summary>Notes a record handed to the partition's worker, in fetch order.</summary>
    public void Delivered(long offset)
    {
        if (_delivered.Last is { } last && offset <= last.Value.Offset)
        {
            throw new InvalidOperationException($"Offset {offset} was delivered after {last.Value.Offset}; a partition's records arrive in order.");
        }

        _nodes[offset] = _delivered.AddLast((offset, false));
    }

    /// <summary>Notes a record finished (run, skipped or dead-lettered); false when it was never delivered here.</summary>
    public bool Complete(long offset)
    {
        if (!_nodes.Remove(offset, out var node))
        {
            return false;
        }

        node.Value = (offset, true);
        while (_delivered.First is { Value.Completed: true } first)
        {
            _committable = first.Value.Offset + 1;
            _delivered.RemoveFirst();
        }

        return true;
    }

    /// <summary>The offset to commit when it moved since the last <see cref="MarkCommitted"/>; null otherwise.</summary>
    public long? Uncommitted => _committable > _committed ? _committable : null;

    /// <summary>Notes that <paramref name="offset"/> is committed.</summary>
    public void MarkCommitted(long offset) => _committed = Math.Max(_committed, offset);
}
