using System.Buffers;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Transport;

/// <summary>Request/response over the raw connection, for the handshake (AUTH, SELECT, PING) before the pipeline takes over.</summary>
internal sealed class RespRequestClient(Stream stream) : IDisposable
{
    private readonly ReplyBuffer _replies = new(stream, 16 * 1024);

    public async Task<RespValue> ExecuteAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        (await ExecuteManyAsync([command], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<RespValue>> ExecuteManyAsync(IReadOnlyList<IReadOnlyList<string>> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return [];
        }

        var output = new ArrayBufferWriter<byte>();
        foreach (var command in commands)
        {
            RespEncoder.Write(output, command);
        }

        await stream.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        var replies = new RespValue[commands.Count];
        for (var i = 0; i < replies.Length; i++)
        {
            replies[i] = await ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        return replies;
    }

    private async Task<RespValue> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (RespReplyParser.TryRead(_replies.Data, out var consumed, out var value))
            {
                _replies.Consume(consumed);
                return value;
            }

            if (!await _replies.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("The server closed the connection.");
            }
        }
    }

    public void Dispose() => _replies.Dispose();
}
