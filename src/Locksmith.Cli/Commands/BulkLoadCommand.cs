using System.CommandLine;
using Locksmith.Cli.Output;
using Locksmith.Redis.Bulk;

namespace Locksmith.Cli.Commands;

/// <summary><c>locksmith bulk-load FILE --redis host:port</c>.</summary>
internal static class BulkLoadCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new InputArguments();
        var connection = new ConnectionArguments();
        var maxErrorsShown = new Option<int>("--max-errors-shown") { Description = "How many failed commands to list (all are counted).", DefaultValueFactory = _ => 20 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check the input without a server; send nothing." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Print no progress, only the summary." };
        var chunkSize = new Option<int>("--chunk-size") { Description = "KiB of commands per socket write.", DefaultValueFactory = _ => new BulkLoadOptions().ChunkBytes / 1024 };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Chunks sent but not fully answered before the loader waits (memory bound: about chunk size x this).", DefaultValueFactory = _ => new BulkLoadOptions().MaxChunksInFlight };
        var command = new Command("bulk-load", "Stream commands to Redis over one pipelined connection; report every failed command by its position.")
        {
            maxErrorsShown,
            dryRun,
            noProgress,
            chunkSize,
            maxInFlight,
        };
        input.AddTo(command);
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new BulkLoadOptions
            {
                MaxFailuresKept = Math.Max(0, result.GetValue(maxErrorsShown)),
                ContinueOnInputError = input.ContinueOnInputError(result),
                ChunkBytes = result.GetValue(chunkSize) * 1024,
                MaxChunksInFlight = result.GetValue(maxInFlight),
            };
            return await CliErrors.GuardAsync(console, async () =>
            {
                var source = input.Open(result, console);
                if (result.GetValue(dryRun))
                {
                    var checkedInput = await BulkLoader.ValidateAsync(source, options, cancellationToken).ConfigureAwait(false);
                    return LoadReport.PrintDryRun(console.Out, source, checkedInput);
                }

                var redis = connection.Read(result);
                var progress = ProgressDisplay.For(console, result.GetValue(noProgress), source.Length);
                options.ProgressInterval = progress.Interval;
                var loaded = await progress.RunAsync(p => BulkLoader.LoadAsync(source, redis, options, p, cancellationToken)).ConfigureAwait(false);
                return LoadReport.Print(console.Out, source, loaded);
            }).ConfigureAwait(false);
        });
        return command;
    }
}
