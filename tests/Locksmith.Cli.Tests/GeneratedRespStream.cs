using System.Text;

namespace Locksmith.Cli.Tests;

/// <summary>
/// RESP <c>SET {prefix}{i} {i}</c> commands made on the fly, so a test can stream millions of commands (or an endless
/// supply) without a file. <paramref name="onBytesRead"/> runs once when that many bytes have been read.
/// </summary>
internal sealed class GeneratedRespStream(string prefix, long commands, long triggerAt = long.MaxValue, Func<Task>? onBytesRead = null) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _next;
    private long _read;
    private bool _triggered;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadCore(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_triggered && _read >= triggerAt && onBytesRead is not null)
        {
            _triggered = true;
            await onBytesRead();
        }

        return ReadCore(buffer.Span);
    }

    private int ReadCore(Span<byte> buffer)
    {
        if (_pending.Position == _pending.Length)
        {
            _pending.SetLength(0);
            for (var i = 0; i < 4096 && _next < commands; i++, _next++)
            {
                var key = prefix + _next;
                var value = _next.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _pending.Write(Encoding.ASCII.GetBytes($"*3\r\n$3\r\nSET\r\n${key.Length}\r\n{key}\r\n${value.Length}\r\n{value}\r\n"));
            }

            _pending.Position = 0;
        }

        var read = _pending.Read(buffer);
        _read += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
