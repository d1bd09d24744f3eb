using System.CommandLine;
using Locksmith.Cli.Commands;

namespace Locksmith.Cli;

/// <summary>The command tree. Tests call <see cref="RunAsync"/> in-process with their own writers.</summary>
internal static class LocksmithCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Locksmith: bulk-load Redis and see every failed command by position; convert inputs to RESP; inspect locks, semaphores and queues.")
        {
            BulkLoadCommand.Create(console),
            new Command("resp", "Work with files in the Redis protocol (RESP).") { RespConvertCommand.Create(console) },
            InspectCommand.Create(console),
        };

        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        var code = await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
    }
}
