using System.Diagnostics;
using System.Globalization;
using Locksmith.Redis.Bulk;

namespace Locksmith.Cli.Output;

/// <summary>One line per second, for output that is not a terminal: "progress: 41.2% sent 412,345 replies 400,000 errors 0 (205,112/s)".</summary>
internal sealed class PlainProgressDisplay(TextWriter writer) : ProgressDisplay
{
    public override TimeSpan Interval => TimeSpan.FromSeconds(1);

    public override async Task<BulkLoadResult> RunAsync(Func<IProgress<BulkLoadProgress>?, Task<BulkLoadResult>> load)
    {
        var clock = Stopwatch.StartNew();
        var last = default(BulkLoadProgress);
        return await load(new Callback(p =>
        {
            // The final snapshot repeats the last periodic one when the load ends on a tick; print it once.
            if (p == last)
            {
                return;
            }

            last = p;
            var percent = p.TotalBytes is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{100.0 * p.BytesRead / p.TotalBytes.Value,5:0.0}% ") : string.Empty;
            var rate = p.Replies / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            lock (writer)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"progress: {percent}sent {p.CommandsSent:N0} replies {p.Replies:N0} errors {p.Errors:N0} ({rate:N0}/s)"));
            }
        })).ConfigureAwait(false);
    }
}
