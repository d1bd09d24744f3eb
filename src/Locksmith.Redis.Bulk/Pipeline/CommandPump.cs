using System.Buffers;
using System.Globalization;
using Locksmith.Redis.Bulk.Parsing;

namespace Locksmith.Redis.Bulk.Pipeline;

/// <summary>What <see cref="CommandPump.FillAsync"/> left in the chunk.</summary>
internal enum PumpStatus
{
    /// <summary>The chunk is full and there is more input.</summary>
    More,

    /// <summary>The input is done (the chunk may hold the last commands).</summary>
    End,

    /// <summary>A bad line or frame, and the options say stop: nothing after it may be sent.</summary>
    Stopped,
}

/// <summary>
/// Reads the input in large blocks and lets the parser fill chunks. The read buffer grows only for a single command
/// larger than it, so memory stays bounded by the largest command, not by the input.
/// </summary>
internal sealed class CommandPump : IDisposable
{
    private const int InitialBufferBytes = 256 * 1024;
    private const int MaxBufferBytes = 1024 * 1024 * 1024;

    private readonly Stream _input;
    private readonly ICommandParser _parser;
    private readonly BulkLoadOptions _options;
    private readonly List<InputError> _errors = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _end;
    private bool _endOfInput;
    private long _consumedBefore;

    public CommandPump(Stream input, ICommandParser parser, BulkLoadOptions options)
    {
        _input = input;
        _parser = parser;
        _options = options;
    }

    public long Commands => _parser.Commands;

    public long BytesRead => Volatile.Read(ref _consumedBefore);

    public long ErrorCount { get; private set; }

    public IReadOnlyList<InputError> Errors => _errors;

    public bool Stopped { get; private set; }

    public async ValueTask<PumpStatus> FillAsync(OutboundChunk chunk, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = _parser.Parse(_buffer.AsSpan(_start, _end - _start), _endOfInput, _consumedBefore, chunk, out var consumed, out var error);
            _start += consumed;
            Volatile.Write(ref _consumedBefore, _consumedBefore + consumed);
            switch (status)
            {
                case ParseStatus.ChunkFull:
                    return PumpStatus.More;
                case ParseStatus.Error:
                    ErrorCount++;
                    if (_errors.Count < _options.MaxFailuresKept)
                    {
                        _errors.Add(error!);
                    }

                    if (!_options.ContinueOnInputError)
                    {
                        Stopped = true;
                        return PumpStatus.Stopped;
                    }

                    continue;
            }

            if (_endOfInput)
            {
                return PumpStatus.End;
            }

            await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ReadMoreAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0 && (_end == _buffer.Length || _start >= _buffer.Length / 2))
        {
            // Move the partial command to the front so the next read is a large one.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // One command does not fit in the buffer: grow for it.
            if (_buffer.Length >= MaxBufferBytes)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"A single command starting at byte {_consumedBefore} is larger than {MaxBufferBytes / (1024 * 1024)} MiB; Redis would refuse it too. Split the value."));
            }

            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = await _input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
