using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using Locksmith.Redis.Bulk.Protocol;
using Locksmith.Redis.Bulk.Transport;

namespace Locksmith.Redis.Bulk.Pipeline;

/// <summary>
/// One writer loop and one reply loop over the same connection. The writer parses the input into chunks and writes each
/// in one call; the reader matches replies to the chunks' records in order. The bounded channel between them is the
/// in-flight window: when the server falls behind, the writer waits, so memory does not grow with the input.
/// </summary>
internal sealed class BulkPipeline : IDisposable
{
    private readonly RedisStreamConnection _connection;
    private readonly CommandPump _pump;
    private readonly BulkLoadOptions _options;
    private readonly Channel<OutboundChunk> _inFlight;
    private readonly ChunkPool _pool;
    private readonly EndMarker _marker = new();
    private readonly List<CommandFailure> _failures = [];
    private long _sent;
    private long _replies;
    private long _errors;
    private string? _lost;

    private BulkPipeline(RedisStreamConnection connection, CommandPump pump, BulkLoadOptions options)
    {
        _connection = connection;
        _pump = pump;
        _options = options;
        _pool = new ChunkPool(options.ChunkBytes);
        _inFlight = Channel.CreateBounded<OutboundChunk>(new BoundedChannelOptions(options.MaxChunksInFlight)
        {
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public static async Task<BulkLoadResult> RunAsync(
        RedisStreamConnection connection, CommandPump pump, BulkLoadOptions options, long? totalBytes, IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken)
    {
        using var pipeline = new BulkPipeline(connection, pump, options);
        return await pipeline.RunAsync(totalBytes, progress, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _pool.Dispose();

    private async Task<BulkLoadResult> RunAsync(long? totalBytes, IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = progress is null ? Task.CompletedTask : ReportAsync(progress, totalBytes, reporting.Token);
        var writer = Task.Run(() => WriteAsync(stop), CancellationToken.None);
        var reader = Task.Run(() => ReadAsync(stop), CancellationToken.None);
        try
        {
            await Task.WhenAll(writer, reader).ConfigureAwait(false);
        }
        catch
        {
            // A failure other than the connection's (a broken input stream, the user's cancellation) wins over "lost".
            if (writer.IsFaulted)
            {
                await writer.ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
        }

        progress?.Report(Snapshot(totalBytes));
        return new BulkLoadResult(
            _pump.Commands, _replies, _errors, _failures, _pump.ErrorCount, _pump.Errors, _pump.Stopped, _lost, _pump.BytesRead, clock.Elapsed);
    }

    private async Task WriteAsync(CancellationTokenSource stop)
    {
        var stream = _connection.Stream;
        var writing = false;
        try
        {
            while (true)
            {
                var chunk = _pool.Rent();
                var status = await _pump.FillAsync(chunk, stop.Token).ConfigureAwait(false);
                var commands = chunk.Count;
                if (status != PumpStatus.More)
                {
                    _marker.AppendTo(chunk, _pump.Commands + 1);
                }

                // Queued before it is written, so the reader knows the chunk before its first reply can arrive.
                await _inFlight.Writer.WriteAsync(chunk, stop.Token).ConfigureAwait(false);
                writing = true;
                await stream.WriteAsync(chunk.Bytes, stop.Token).ConfigureAwait(false);
                writing = false;
                Volatile.Write(ref _sent, _sent + commands);
                if (status != PumpStatus.More)
                {
                    break;
                }
            }

            writing = true;
            await stream.FlushAsync(stop.Token).ConfigureAwait(false);
            _inFlight.Writer.TryComplete();
        }
        catch (Exception exception) when (_lost is not null && (exception is OperationCanceledException || IsSocketFault(exception)))
        {
            // The reader already saw the connection go and stopped us.
            _inFlight.Writer.TryComplete();
        }
        catch (Exception exception) when (writing && IsSocketFault(exception))
        {
            Lost("while sending", exception);
            _inFlight.Writer.TryComplete();
        }
        catch
        {
            // The input failed or the caller cancelled: stop the reader too, and let the exception surface.
            _inFlight.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            _connection.Abort();
            throw;
        }
    }

    private async Task ReadAsync(CancellationTokenSource stop)
    {
        using var replies = new ReplyBuffer(_connection.Stream);
        long replied = 0;
        long errors = 0;
        try
        {
            await foreach (var chunk in _inFlight.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (chunk.Records[i].IsMarker)
                    {
                        var (extraReplies, extraErrors) = await ReadMarkerAsync(replies, stop.Token).ConfigureAwait(false);
                        replied += extraReplies;
                        errors += extraErrors;
                        continue;
                    }

                    string? error;
                    int consumed;
                    while (!RespReplyParser.TrySkip(replies.Data, out consumed, out error))
                    {
                        if (!await replies.FillAsync(stop.Token).ConfigureAwait(false))
                        {
                            throw new EndOfStreamException("the server closed the connection");
                        }
                    }

                    replies.Consume(consumed);
                    replied++;
                    if (error is not null)
                    {
                        errors++;
                        if (_failures.Count < _options.MaxFailuresKept)
                        {
                            var record = chunk.Records[i];
                            _failures.Add(new CommandFailure(record.Position, RespCommandFormatter.Format(chunk.CommandBytes(record)), error));
                        }
                    }
                }

                Volatile.Write(ref _replies, replied);
                Volatile.Write(ref _errors, errors);
                _pool.Return(chunk);
            }
        }
        catch (OperationCanceledException)
        {
            Volatile.Write(ref _replies, replied);
            Volatile.Write(ref _errors, errors);
            if (_lost is null)
            {
                throw;
            }
        }
        catch (Exception exception) when (IsSocketFault(exception) || exception is InvalidDataException or EndOfStreamException)
        {
            Volatile.Write(ref _replies, replied);
            Volatile.Write(ref _errors, errors);
            Lost("while reading replies", exception);
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<(long Replies, long Errors)> ReadMarkerAsync(ReplyBuffer replies, CancellationToken cancellationToken)
    {
        long extraReplies = 0;
        long extraErrors = 0;
        while (true)
        {
            if (RespReplyParser.TryRead(replies.Data, out var consumed, out var value))
            {
                replies.Consume(consumed);
                if (value.Kind == RespKind.BulkString && value.Text == _marker.Token)
                {
                    return (extraReplies, extraErrors);
                }

                // A command answered more than once (SUBSCRIBE with several channels): the extra reply has no command of its own.
                extraReplies++;
                if (value.IsError)
                {
                    extraErrors++;
                    if (_failures.Count < _options.MaxFailuresKept)
                    {
                        _failures.Add(new CommandFailure(new CommandPosition(0, 0, -1), "(an extra reply: a command in the input answered more than once)", value.Text ?? string.Empty));
                    }
                }

                continue;
            }

            if (!await replies.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException("the server closed the connection");
            }
        }
    }

    private void Lost(string when, Exception exception)
    {
        var cause = exception switch
        {
            EndOfStreamException => "the server closed the connection",
            InvalidDataException => exception.Message,
            _ => (exception.InnerException ?? exception).Message,
        };
        if (Interlocked.CompareExchange(ref _lost, string.Create(CultureInfo.InvariantCulture, $"the connection to {_connection.Options.EndPoint} was lost {when} ({cause})"), null) is null)
        {
            _connection.Abort();
        }
    }

    private static bool IsSocketFault(Exception exception) => exception is IOException or SocketException or ObjectDisposedException;

    private async Task ReportAsync(IProgress<BulkLoadProgress> progress, long? totalBytes, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                progress.Report(Snapshot(totalBytes));
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    private BulkLoadProgress Snapshot(long? totalBytes) =>
        new(Volatile.Read(ref _sent), Volatile.Read(ref _replies), Volatile.Read(ref _errors), _pump.BytesRead, totalBytes);
}
