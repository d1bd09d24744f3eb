using System.Diagnostics;
using System.Globalization;
using Locksmith.Testing;

namespace Locksmith.Benchmarks.BulkLoad;

/// <summary>
/// `--bulk-load [--quick]`: `locksmith bulk-load` against `redis-cli --pipe` on the same generated RESP file (1,000,000
/// SETs), each on a freshly flushed redis-server started here, alternating for several rounds (median reported); then
/// the peak memory of both on a 10,000,000-command file.
/// </summary>
internal static class BulkLoadBenchmark
{
    public static async Task RunAsync(bool quick)
    {
        var commands = quick ? 200_000 : 1_000_000;
        var bigCommands = quick ? 1_000_000 : 10_000_000;
        var rounds = quick ? 3 : 7;
        if (Environment.GetEnvironmentVariable("LOCKSMITH_BULK_ROUNDS") is { } configured)
        {
            // For exploring settings: 1,000,000 SETs, this many rounds, no 10,000,000-command run.
            (commands, bigCommands, rounds) = (1_000_000, 0, int.Parse(configured, CultureInfo.InvariantCulture));
        }

        var locksmith = LocksmithDll();
        await using var server = await RedisServer.StartAsync();
        var dir = Directory.CreateTempSubdirectory("locksmith-bulk-bench-").FullName;
        try
        {
            var file = Path.Combine(dir, "sets.resp");
            RespFileGenerator.Write(file, commands);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"redis-server {server.EndPoint}; {Environment.ProcessorCount} cores; {commands:N0} SETs, {new FileInfo(file).Length / 1e6:0.0} MB RESP; {rounds} rounds, alternating; {Version("redis-cli")}"));
            var redisCli = $"redis-cli -p {server.Port} --pipe";
            // LOCKSMITH_BULK_ARGS adds options to every locksmith run (for trying --chunk-size and --max-in-flight).
            var extra = Environment.GetEnvironmentVariable("LOCKSMITH_BULK_ARGS") ?? string.Empty;
            var ours = $"dotnet {locksmith} bulk-load {file} --redis {server.EndPoint} --no-progress {extra}";

            var cliRuns = new List<ToolRun>();
            var ourRuns = new List<ToolRun>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which goes first, so neither always meets a warmer server.
                foreach (var first in round % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    await FlushAsync(server.Port);
                    var serverCpu = ToolRun.ReadCpuSeconds(server.ProcessId);
                    var run = first ? await ToolRun.StartAsync(redisCli, file) : await ToolRun.StartAsync(ours, null);
                    run = run with { ServerCpuSeconds = ToolRun.ReadCpuSeconds(server.ProcessId) - serverCpu };
                    await CheckAsync(server.Port, run, commands);
                    (first ? cliRuns : ourRuns).Add(run);
                }
            }

            var cliRate = commands / Median(cliRuns.Select(r => r.Elapsed.TotalSeconds));
            var ourRate = commands / Median(ourRuns.Select(r => r.Elapsed.TotalSeconds));
            Console.WriteLine();
            Console.WriteLine("| tool | median wall time (s) | commands/s | min-max (s) | tool CPU (s, median) | redis-server CPU (s, median) | peak RSS (MiB) | errors, replies |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
            Row("redis-cli --pipe", cliRuns, commands);
            Row("locksmith bulk-load", ourRuns, commands);
            Console.WriteLine();
            // locksmith times its own load (connect to last reply); redis-cli's start-up is a few milliseconds, .NET's about 70.
            var ourLoad = Median(ourRuns.Select(r => LoadSeconds(r.Output)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio, process wall time (including .NET start-up): {ourRate / cliRate:0.00}x; ratio, load time as locksmith reports it ({ourLoad:0.000} s median, {commands / ourLoad:N0} commands/s) against redis-cli's wall time: {commands / ourLoad / cliRate:0.00}x"));

            File.Delete(file);
            if (bigCommands == 0)
            {
                return;
            }

            var big = Path.Combine(dir, "big.resp");
            RespFileGenerator.Write(big, bigCommands);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bigCommands:N0} SETs ({new FileInfo(big).Length / 1e6:0} MB):"));
            Console.WriteLine("| tool | wall time (s) | commands/s | CPU (s) | peak RSS (MiB) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            await FlushAsync(server.Port);
            var bigCli = await ToolRun.StartAsync(redisCli, big);
            await CheckAsync(server.Port, bigCli, bigCommands);
            BigRow("redis-cli --pipe", bigCli, bigCommands);
            await FlushAsync(server.Port);
            var bigOurs = await ToolRun.StartAsync($"dotnet {locksmith} bulk-load {big} --redis {server.EndPoint} --no-progress {extra}", null);
            await CheckAsync(server.Port, bigOurs, bigCommands);
            BigRow("locksmith bulk-load", bigOurs, bigCommands);
            await FlushAsync(server.Port);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Row(string name, List<ToolRun> runs, int commands)
    {
        var median = Median(runs.Select(r => r.Elapsed.TotalSeconds));
        var last = runs[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {median:0.000} | {commands / median:N0} | {runs.Min(r => r.Elapsed.TotalSeconds):0.000}-{runs.Max(r => r.Elapsed.TotalSeconds):0.000} | {Median(runs.Select(r => r.CpuSeconds)):0.00} | {Median(runs.Select(r => r.ServerCpuSeconds)):0.00} | {runs.Max(r => r.PeakBytes) / 1048576.0:0.0} | {last.Errors}, {last.Replies} |"));
    }

    private static void BigRow(string name, ToolRun run, int commands) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {run.Elapsed.TotalSeconds:0.00} | {commands / run.Elapsed.TotalSeconds:N0} | {run.CpuSeconds:0.00} | {run.PeakBytes / 1048576.0:0.0} |"));

    /// <summary>The seconds in locksmith's "N commands from FILE in X s" line.</summary>
    private static double LoadSeconds(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @" in (\d+\.\d+) s \(");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task CheckAsync(int port, ToolRun run, int commands)
    {
        var keys = long.Parse((await RedisCliAsync(port, "DBSIZE")).Trim(), CultureInfo.InvariantCulture);
        if (run.Errors != 0 || run.Replies != commands || keys != commands)
        {
            throw new InvalidOperationException($"Expected {commands} replies and keys without errors; got errors {run.Errors}, replies {run.Replies}, DBSIZE {keys}:\n{run.Output}");
        }
    }

    private static async Task FlushAsync(int port) => await RedisCliAsync(port, "FLUSHALL");

    private static async Task<string> RedisCliAsync(int port, string command)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", port.ToString(CultureInfo.InvariantCulture), command })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static string Version(string tool)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false, ArgumentList = { "--version" } };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    /// <summary>
    /// The built command in src/Locksmith.Cli's output (the project reference builds it first but does not copy it:
    /// its assembly name, locksmith, equals the core library's, Locksmith, since assembly names ignore case).
    /// </summary>
    private static string LocksmithDll()
    {
        var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Locksmith.Cli/bin/Release/net10.0/Locksmith.Cli.dll"));
        return File.Exists(source) ? source : throw new FileNotFoundException("Build src/Locksmith.Cli -c Release first.", source);
    }
}
