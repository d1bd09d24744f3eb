using System.Diagnostics;
using System.Threading.Channels;
using Locksmith.Testing;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>
/// A real separate process running one of the test programs built beside this assembly (the lock holder, the queue
/// consumer), with its output readable line by line and POSIX signals to kill, freeze, thaw or stop it.
/// </summary>
internal sealed class TestProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private TestProgram(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _lines.Writer.TryWrite(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static TestProgram Start(string program, params string[] arguments)
    {
        // Programs are built next to this test assembly's configuration: .../<Program>/bin/<Config>/net10.0/
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var path = Path.GetFullPath(Path.Combine(testBin.FullName, "..", "..", "..", "..", program, "bin", configuration, "net10.0", program + ".dll"));
        Assert.True(File.Exists(path), $"The test program is not built at {path}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new TestProgram(Process.Start(start)!);
    }

    public async Task<string> ExpectAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                if (line.Contains(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process {_process.Id} did not print '{prefix}' within {timeout}.");
        }
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGKILL: no cleanup of any kind.</summary>
    public void Kill() => _process.Kill();

    public void Pause() => Assert.True(ProcessSignals.Send(_process, ProcessSignals.Stop), "The program had already exited.");

    public void Resume() => Assert.True(ProcessSignals.Send(_process, ProcessSignals.Continue), "The program had already exited.");

    /// <summary>Waits for the process to end on its own.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>SIGTERM, as a deployment stops a service, then waits for the process to exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        Assert.True(ProcessSignals.Send(_process, ProcessSignals.Terminate), "The program had already exited.");
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
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
