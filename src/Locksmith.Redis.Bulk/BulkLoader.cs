using System.Diagnostics;
using Locksmith.Redis.Bulk.Pipeline;
using Locksmith.Redis.Bulk.Transport;

namespace Locksmith.Redis.Bulk;

/// <summary>
/// Streams commands to Redis over one pipelined connection, reading replies while it writes, and reports every failed
/// command by its position in the input. Memory stays bounded whatever the input's size.
/// </summary>
public static class BulkLoader
{
    /// <summary>Loads <paramref name="input"/> into the server.</summary>
    /// <returns>
    /// Counts, the failed commands with their positions, bad input lines, and whether the connection was lost (then
    /// <see cref="BulkLoadResult.Replies"/> is how many commands the server confirmed).
    /// </returns>
    /// <exception cref="RedisBulkConnectionException">Connecting, TLS, AUTH or SELECT failed; the message says what to check.</exception>
    public static async Task<BulkLoadResult> LoadAsync(
        BulkInput input,
        RedisConnectionOptions connection,
        BulkLoadOptions? options = null,
        IProgress<BulkLoadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new BulkLoadOptions();
        options.Validate();
        var parser = input.CreateParser();
        var stream = input.Open();
        await using (stream.ConfigureAwait(false))
        {
            using var pump = new CommandPump(stream, parser, options);
            var redis = await RedisStreamConnection.ConnectAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (redis.ConfigureAwait(false))
            {
                return await BulkPipeline.RunAsync(redis, pump, options, input.Length, progress, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads and checks every command without a server (a dry run): counts commands and reports bad lines or frames.</summary>
    public static async Task<BulkLoadResult> ValidateAsync(BulkInput input, BulkLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await ConvertCoreAsync(input, output: null, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="input"/> as RESP to <paramref name="output"/>, the file format of <c>redis-cli --pipe</c>.</summary>
    public static async Task<BulkLoadResult> ConvertAsync(BulkInput input, Stream output, BulkLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return await ConvertCoreAsync(input, output, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<BulkLoadResult> ConvertCoreAsync(BulkInput input, Stream? output, BulkLoadOptions? options, CancellationToken cancellationToken)
    {
        options ??= new BulkLoadOptions();
        options.Validate();
        var clock = Stopwatch.StartNew();
        var parser = input.CreateParser();
        var stream = input.Open();
        await using (stream.ConfigureAwait(false))
        {
            using var pump = new CommandPump(stream, parser, options);
            using var chunk = new OutboundChunk(options.ChunkBytes);
            while (true)
            {
                var status = await pump.FillAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (output is not null)
                {
                    await output.WriteAsync(chunk.Bytes, cancellationToken).ConfigureAwait(false);
                }

                chunk.Reset();
                if (status != PumpStatus.More)
                {
                    break;
                }
            }

            if (output is not null)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return new BulkLoadResult(pump.Commands, 0, 0, [], pump.ErrorCount, pump.Errors, pump.Stopped, null, pump.BytesRead, clock.Elapsed);
        }
    }
}
