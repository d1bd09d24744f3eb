namespace Locksmith.Cli;

/// <summary>Where a command writes and reads: the real console, or writers a test hands in. Progress goes to <see cref="Error"/>, so <see cref="Out"/> holds only results; <see cref="IsTerminal"/> says whether <see cref="Error"/> is a terminal.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenInput, bool IsTerminal)
{
    public static CliConsole System => new(
        Console.Out,
        Console.Error,
        Console.OpenStandardInput,
        !Console.IsErrorRedirected);
}
