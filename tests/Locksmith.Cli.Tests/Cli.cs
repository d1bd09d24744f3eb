namespace Locksmith.Cli.Tests;

/// <summary>Runs the locksmith command in-process, as a user would type it, and captures its output.</summary>
internal static class Cli
{
    public static Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs with <paramref name="standardInput"/> as what `-` reads.</summary>
    public static async Task<CliRun> RunWithInputAsync(Stream? standardInput, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, () => standardInput ?? throw new InvalidOperationException("no standard input in this test"), IsTerminal: false);
        var exit = await LocksmithCli.RunAsync(args, console);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}

internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
