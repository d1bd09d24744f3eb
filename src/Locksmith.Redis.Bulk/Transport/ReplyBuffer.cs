using System.Buffers;

namespace Locksmith.Redis.Bulk.Transport;

/// <summary>A pooled receive buffer: replies are parsed in place, and it grows only for a reply larger than itself.</summary>
internal sealed class ReplyBuffer(Stream stream, int initialBytes = 128 * 1024) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    private int _start;
    private int _end;

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, _end - _start);

    public void Consume(int count) => _start += count;

    /// <summary>Reads more bytes; false when the server closed the connection.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0 && (_end == _buffer.Length || _start >= _buffer.Length / 2))
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
