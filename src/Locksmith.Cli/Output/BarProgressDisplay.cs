using System.Globalization;
using Locksmith.Redis.Bulk;
using Spectre.Console;

namespace Locksmith.Cli.Output;

/// <summary>A Spectre.Console progress bar on standard error (by input bytes when the size is known).</summary>
internal sealed class BarProgressDisplay(long? totalBytes) : ProgressDisplay
{
    public override TimeSpan Interval => TimeSpan.FromMilliseconds(100);

    public override async Task<BulkLoadResult> RunAsync(Func<IProgress<BulkLoadProgress>?, Task<BulkLoadResult>> load)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        BulkLoadResult? result = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("loading", maxValue: Math.Max(1, totalBytes ?? 1));
                task.IsIndeterminate = totalBytes is null;
                result = await load(new Callback(p =>
                {
                    task.Value = totalBytes is null ? 0 : p.BytesRead;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Replies:N0} replies, {p.Errors:N0} errors");
                })).ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.StopTask();
            }).ConfigureAwait(false);
        return result!;
    }
}
