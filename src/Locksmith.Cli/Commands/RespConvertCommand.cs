using System.CommandLine;
using System.Globalization;
using Locksmith.Cli.Output;
using Locksmith.Redis.Bulk;

namespace Locksmith.Cli.Commands;

/// <summary><c>locksmith resp convert INPUT -o OUT.resp</c>.</summary>
internal static class RespConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new InputArguments();
        var output = new Option<string>("--output", "-o") { Description = "The RESP file to write (- for standard output).", Required = true };
        var command = new Command("convert", "Write inline commands, CSV or JSON lines as a RESP file (what redis-cli --pipe and bulk-load read).") { output };
        input.AddTo(command);
        command.SetAction(async (result, cancellationToken) => await CliErrors.GuardAsync(console, async () =>
        {
            var source = input.Open(result, console);
            var options = new BulkLoadOptions { ContinueOnInputError = input.ContinueOnInputError(result) };
            var path = result.GetValue(output)!;
            if (path != "-" && Path.GetFullPath(path) == Path.GetFullPath(source.Name))
            {
                throw new ArgumentException($"The output '{path}' is the input file; writing it would destroy the input. Choose another -o.");
            }

            var target = path == "-"
                ? Console.OpenStandardOutput()
                : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            BulkLoadResult converted;
            await using (target.ConfigureAwait(false))
            {
                converted = await BulkLoader.ConvertAsync(source, target, options, cancellationToken).ConfigureAwait(false);
            }

            var log = path == "-" ? console.Error : console.Out;
            LoadReport.PrintInputErrors(log, converted);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {converted.Commands:N0} commands to {path}")).ConfigureAwait(false);
            return converted.InputErrorCount > 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }
}
