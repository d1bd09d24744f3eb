using System.Buffers;
using System.Runtime.CompilerServices;

namespace Locksmith.Redis.Bulk.Pipeline;

/// <summary>
/// Encoded commands gathered for one socket write, with a record per command. A chunk stays alive until every reply
/// for it has been read, which is what lets an error reply show its command without keeping the whole input.
/// </summary>
internal sealed class OutboundChunk : IDisposable
{
    private byte[] _buffer;
    private CommandRecord[] _records = new CommandRecord[1024];

    public OutboundChunk(int capacity)
    {
        Capacity = capacity;
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    /// <summary>The soft size: a chunk holding at least one command takes no command that would go past it.</summary>
    public int Capacity { get; }

    public int Length { get; private set; }

    public int Count { get; private set; }

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, Length);

    public ReadOnlySpan<CommandRecord> Records => _records.AsSpan(0, Count);

    public bool HasRoomFor(int bytes) => Count == 0 || Length + bytes <= Capacity;

    public ReadOnlySpan<byte> CommandBytes(in CommandRecord record) => _buffer.AsSpan(record.Offset, record.Length);

    /// <summary>Appends one command of exactly <paramref name="length"/> bytes; the caller fills the returned span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Span<byte> Append(int length, CommandPosition position, bool isMarker = false)
    {
        if (Length + length > _buffer.Length)
        {
            // Only a command larger than the chunk (a big value) gets here; the buffer grows for it alone.
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(Length + length, _buffer.Length * 2));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        if (Count == _records.Length)
        {
            Array.Resize(ref _records, _records.Length * 2);
        }

        _records[Count++] = new CommandRecord { Offset = Length, Length = length, Position = position, IsMarker = isMarker };
        var span = _buffer.AsSpan(Length, length);
        Length += length;
        return span;
    }

    public void Reset()
    {
        Length = 0;
        Count = 0;
        if (_buffer.Length > Capacity * 4)
        {
            // Give back what one huge command took, so a single big value does not pin memory for the rest of the load.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(Capacity);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
