using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>A real separate process holding a Locksmith lock (tests/Locksmith.Redis.Holder), to kill or pause.</summary>
internal sealed class HolderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private HolderProcess(Process process)
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

    public long FencingToken { get; private set; }

    public static async Task<HolderProcess> StartAsync(string endpoint, string key, int ttlMs, string resource, int? semaphorePermits = null)
    {
        // The holder is built next to this test assembly's configuration: .../Locksmith.Redis.Tests/bin/<Config>/net10.0/
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var holder = Path.GetFullPath(Path.Combine(testBin.FullName, "..", "..", "..", "..", "Locksmith.Redis.Holder", "bin", configuration, "net10.0", "Locksmith.Redis.Holder.dll"));
        Assert.True(File.Exists(holder), $"The holder program is not built at {holder}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        string[] arguments = [holder, endpoint, key, ttlMs.ToString(System.Globalization.CultureInfo.InvariantCulture), resource];
        if (semaphorePermits is { } permits)
        {
            arguments = [.. arguments, permits.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new HolderProcess(Process.Start(start)!);
        var held = await process.ExpectAsync("held ", TimeSpan.FromSeconds(30));
        process.FencingToken = long.Parse(held[5..], System.Globalization.CultureInfo.InvariantCulture);
        return process;
    }

    public async Task<string> ExpectAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The holder process did not print '{prefix}' within {timeout}.");
        }
    }

    public async Task<string> WriteAsync(string value)
    {
        await _process.StandardInput.WriteLineAsync("write " + value);
        await _process.StandardInput.FlushAsync();
        return await ExpectAsync("write ", TimeSpan.FromSeconds(10));
    }

    public void Kill() => _process.Kill();

    public void Pause() => Signal(19);

    public void Resume() => Signal(18);

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

    // SIGSTOP = 19, SIGCONT = 18 on Linux x64.
    private void Signal(int signal) => Assert.Equal(0, kill(_process.Id, signal));

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
