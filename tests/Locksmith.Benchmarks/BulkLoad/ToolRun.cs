using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Locksmith.Benchmarks.BulkLoad;

/// <summary>One run of a loader as a separate process: wall time, peak resident memory (VmHWM), and its "errors: N, replies: M" line.</summary>
internal sealed record ToolRun(TimeSpan Elapsed, long PeakBytes, double CpuSeconds, long Errors, long Replies, string Output)
{
    /// <summary>CPU the Redis server spent during the run.</summary>
    public double ServerCpuSeconds { get; init; }

    /// <summary>Runs <paramref name="command"/> through bash with standard input from <paramref name="input"/> (when given), as a user would.</summary>
    public static async Task<ToolRun> StartAsync(string command, string? input)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        // exec: the measured pid is the tool itself, not the shell.
        start.ArgumentList.Add(input is null ? $"exec {command}" : $"exec {command} < '{input}'");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        double cpu = 0;
        var exited = process.WaitForExitAsync();
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, PeakResident(process.Id));
            cpu = Math.Max(cpu, ReadCpuSeconds(process.Id));
            await Task.WhenAny(exited, Task.Delay(10));
        }

        var elapsed = clock.Elapsed;
        var output = await stdout + await stderr;
        var match = Regex.Match(output, @"errors: (\d+), replies: (\d+)");
        if (!match.Success)
        {
            throw new InvalidOperationException($"'{command}' printed no 'errors: N, replies: M' line (exit {process.ExitCode}):\n{output}");
        }

        return new ToolRun(elapsed, peak, cpu, long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), output);
    }

    /// <summary>User + system CPU time so far, from /proc/pid/stat (clock ticks of 10 ms); the last poll before exit is a lower bound.</summary>
    public static double ReadCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long PeakResident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two polls.
        }

        return 0;
    }
}
