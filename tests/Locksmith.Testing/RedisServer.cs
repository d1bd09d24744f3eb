using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Locksmith.Testing;

/// <summary>
/// A real redis-server process on a free 127.0.0.1 port, without persistence, stopped by pid on dispose.
/// A missing redis-server is a failure that says how to install it, never a skipped test.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:port", for StackExchange.Redis.</summary>
    public string EndPoint => $"127.0.0.1:{Port}";

    public int ProcessId => _process.Id;

    /// <summary>Whether the process has ended (killed, or crashed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Freezes the server with SIGSTOP, as a long GC pause or a stalled VM would: connections stay open, nothing answers.</summary>
    public void Pause() => ProcessSignals.Send(_process, ProcessSignals.Stop);

    /// <summary>Thaws a server frozen by <see cref="Pause"/> (SIGCONT).</summary>
    public void Resume() => ProcessSignals.Send(_process, ProcessSignals.Continue);

    /// <summary>Kills the server with SIGKILL and waits until it is gone: no shutdown, no final save.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Starts redis-server with <paramref name="extraArguments"/> (for example "--requirepass", "secret") and waits until it answers.</summary>
    public static Task<RedisServer> StartAsync(params string[] extraArguments) => StartAsync(null, extraArguments);

    /// <summary>Starts redis-server on a given port, for tests that restart a server where clients expect it.</summary>
    public static Task<RedisServer> StartOnPortAsync(int port, params string[] extraArguments) => StartAsync(port, extraArguments);

    private static async Task<RedisServer> StartAsync(int? fixedPort, string[] extraArguments)
    {
        var executable = Find("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not installed. Run ./test.sh (it installs it), or: apt-get install -y redis-server redis-tools");
        for (var attempt = 0; ; attempt++)
        {
            var port = fixedPort ?? FreePort();
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" }.Concat(extraArguments))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            var server = new RedisServer(process, port);
            process.OutputDataReceived += (_, e) => server.Record(e.Data);
            process.ErrorDataReceived += (_, e) => server.Record(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await server.WaitUntilListeningAsync())
            {
                return server;
            }

            await server.DisposeAsync();
            if (attempt == 2)
            {
                throw new InvalidOperationException($"redis-server did not start on port {port}: {server.Output}");
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // A paused server would ignore nothing but SIGKILL anyway; resuming first lets it die cleanly.
                Resume();
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task<bool> WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        return false;
    }

    /// <summary>A port nobody listens on now (the OS's pick), for servers and cluster buses.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
