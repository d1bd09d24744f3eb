namespace Locksmith.Kafka.Internal;

/// <summary>
/// What a partition may commit: the offset after the longest run of delivered records that are all completed. A record
/// completed while an earlier one is still running is held back, so a commit never skips unfinished work; Kafka's own
/// offsets are not used for contiguity, since transaction markers leave gaps between records.
/// </summary>
/// <remarks>
/// The records in flight sit in a ring, in fetch order (so in offset order), found by binary search: tracking a record
/// allocates nothing once the ring has grown to the partition's backlog, where a node and a map entry per record would.
/// </remarks>
internal sealed class OffsetTracker
{
    private (long Offset, bool Completed)[] _ring = new (long, bool)[64];
    private int _head;
    private int _count;
    private long _committable = -1;
    private long _committed = -1;

    /// <summary>Records that are delivered and not yet committable.</summary>
    public int Pending => _count;

    /// <summary>The offset to commit when it moved since the last <see cref="MarkCommitted"/>; null otherwise.</summary>
    public long? Uncommitted => _committable > _committed ? _committable : null;

    /// <summary>Notes a record handed to the partition's worker, in fetch order.</summary>
    public void Delivered(long offset)
    {
        if (_count > 0 && offset <= At(_count - 1).Offset)
        {
            throw new InvalidOperationException($"Offset {offset} was delivered after {At(_count - 1).Offset}; a partition's records arrive in order.");
        }

        if (_count == _ring.Length)
        {
            Grow();
        }

        At(_count) = (offset, false);
        _count++;
    }

    /// <summary>Notes a record finished (run, skipped or dead-lettered); false when it was never delivered here.</summary>
    public bool Complete(long offset)
    {
        var index = IndexOf(offset);
        if (index < 0 || At(index).Completed)
        {
            return false;
        }

        At(index).Completed = true;
        while (_count > 0 && At(0).Completed)
        {
            _committable = At(0).Offset + 1;
            _head = (_head + 1) % _ring.Length;
            _count--;
        }

        return true;
    }

    /// <summary>Notes that <paramref name="offset"/> is committed.</summary>
    public void MarkCommitted(long offset) => _committed = Math.Max(_committed, offset);

    /// <summary>The record <paramref name="position"/> places after the oldest in flight.</summary>
    private ref (long Offset, bool Completed) At(int position) => ref _ring[(_head + position) % _ring.Length];

    private int IndexOf(long offset)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = At(middle).Offset;
            if (found == offset)
            {
                return middle;
            }

            if (found < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private void Grow()
    {
        var larger = new (long, bool)[_ring.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = At(i);
        }

        _ring = larger;
        _head = 0;
    }
}
