using Locksmith.Redis.Bulk;

namespace Locksmith.Cli.Output;

/// <summary>Shows a running load: a bar on a terminal, a plain line every second otherwise (logs, CI), or nothing.</summary>
internal abstract class ProgressDisplay
{
    public abstract TimeSpan Interval { get; }

    public static ProgressDisplay For(CliConsole console, bool disabled, long? totalBytes) =>
        disabled ? new Silent()
        : console.IsTerminal ? new BarProgressDisplay(totalBytes)
        : new PlainProgressDisplay(console.Error);

    public abstract Task<BulkLoadResult> RunAsync(Func<IProgress<BulkLoadProgress>?, Task<BulkLoadResult>> load);

    /// <summary>Calls back on the reporting thread; <see cref="Progress{T}"/> would post to the thread pool and reorder snapshots.</summary>
    protected sealed class Callback(Action<BulkLoadProgress> report) : IProgress<BulkLoadProgress>
    {
        public void Report(BulkLoadProgress value) => report(value);
    }

    private sealed class Silent : ProgressDisplay
    {
        public override TimeSpan Interval => TimeSpan.FromSeconds(1);

        public override Task<BulkLoadResult> RunAsync(Func<IProgress<BulkLoadProgress>?, Task<BulkLoadResult>> load) => load(null);
    }
}
