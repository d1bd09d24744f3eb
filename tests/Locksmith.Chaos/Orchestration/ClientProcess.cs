using System.Diagnostics;
using Locksmith.Testing;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// One incarnation of a chaos client process (tests/Locksmith.Chaos.Client), started with dotnet from its build output
/// beside the calling assembly's, and signalled by pid: SIGKILL, SIGSTOP, SIGCONT, or asked to stop on stdin.
/// </summary>
public sealed class ClientProcess : IAsyncDisposable
{
    private const string Program = "Locksmith.Chaos.Client";
    private readonly Process _process;

    private ClientProcess(Process process, string id, string logPath)
    {
        _process = process;
        Id = id;
        LogPath = logPath;
    }

    /// <summary>The incarnation id ("L1.0").</summary>
    public string Id { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public static ClientProcess Start(string id, string logPath, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(FindProgram());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the machine's two cores for the clients: no tiered-compilation warm-up storms, no server GC heaps each.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        var process = Process.Start(start)!;
        var stderr = Path.ChangeExtension(logPath, ".stderr");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (process)
                {
                    File.AppendAllText(stderr, line + Environment.NewLine);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ClientProcess(process, id, logPath);
    }

    /// <summary>Where the client is built: .../tests/Locksmith.Chaos.Client/bin/{Configuration}/net10.0/, beside the caller's.</summary>
    public static string FindProgram()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var path = Path.GetFullPath(Path.Combine(bin.FullName, "..", "..", "..", "..", Program, "bin", configuration, "net10.0", Program + ".dll"));
        return File.Exists(path) ? path : throw new InvalidOperationException($"The chaos client is not built at {path}; build tests/{Program} first.");
    }

    /// <summary>SIGKILL: no cleanup, no last log line.</summary>
    public void Kill()
    {
        ProcessSignals.Send(_process, ProcessSignals.Kill);
        _process.WaitForExit(5000);
    }

    /// <summary>SIGTERM: the process stops gracefully (a queue consumer leaves its group); not awaited.</summary>
    public void Terminate() => ProcessSignals.Send(_process, ProcessSignals.Terminate);

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void Pause() => ProcessSignals.Send(_process, ProcessSignals.Stop);

    public void Resume() => ProcessSignals.Send(_process, ProcessSignals.Continue);

    /// <summary>Asks the client to stop after its current body, then kills it if it has not exited within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        Resume();
        try
        {
            await _process.StandardInput.WriteLineAsync("stop");
            await _process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            // It died meanwhile.
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Resume();
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
