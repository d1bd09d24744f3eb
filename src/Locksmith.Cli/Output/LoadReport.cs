using System.Globalization;
using Locksmith.Redis.Bulk;

namespace Locksmith.Cli.Output;

/// <summary>The summary after a load: redis-cli's "errors: N, replies: M", then each failed command with its position.</summary>
internal static class LoadReport
{
    public static int Print(TextWriter output, BulkInput input, BulkLoadResult result)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"errors: {result.Errors}, replies: {result.Replies}"));
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 0.001);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Commands:N0} commands from {input.Name} in {seconds:0.00} s ({result.Replies / seconds:N0} replies/s)"));
        if (result.Failures.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"failed commands ({result.Failures.Count:N0} of {result.Errors:N0} shown; --max-errors-shown changes this):"));
            foreach (var failure in result.Failures)
            {
                var where = failure.Position.CommandIndex == 0 ? "(no position)" : failure.Position.ToString();
                output.WriteLine($"  {where}: {failure.Command}");
                output.WriteLine($"    -> {failure.Error}");
            }
        }

        PrintInputErrors(output, result);
        if (result.ConnectionLost is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: {result.ConnectionLost}. {result.Replies:N0} commands were confirmed (the first {result.Replies:N0} of the input, in order); commands after them may or may not have been applied. Check the server, then load the rest."));
            return ExitCodes.ConnectionFailed;
        }

        return result.InputErrorCount > 0 ? ExitCodes.InvalidInput
            : result.Errors > 0 ? ExitCodes.CommandsFailed
            : ExitCodes.Success;
    }

    public static int PrintDryRun(TextWriter output, BulkInput input, BulkLoadResult result)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dry run: {result.Commands:N0} commands read from {input.Name} ({input.Format}), {result.InputErrorCount:N0} input errors; nothing was sent"));
        PrintInputErrors(output, result);
        return result.InputErrorCount > 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    public static void PrintInputErrors(TextWriter output, BulkLoadResult result)
    {
        foreach (var error in result.InputErrors)
        {
            output.WriteLine($"input error at {error}");
        }

        if (result.InputErrorCount > result.InputErrors.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... and {result.InputErrorCount - result.InputErrors.Count:N0} more input errors"));
        }

        if (result.StoppedAtInputError)
        {
            var where = "it";
            if (result.InputErrors.Count > 0)
            {
                var last = result.InputErrors[^1].Position;
                where = last.Line > 0 ? $"line {last.Line}" : $"byte {last.ByteOffset}";
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stopped at the bad input: the {result.Commands:N0} commands before {where} were processed, nothing after. Fix the input, or pass --continue-on-parse-error to skip bad lines."));
        }
    }
}
