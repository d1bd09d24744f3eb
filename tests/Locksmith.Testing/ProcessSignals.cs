using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Locksmith.Testing;

/// <summary>POSIX signals sent to a test's child process (Linux numbering): freeze, thaw, stop, kill.</summary>
public static class ProcessSignals
{
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    /// <summary>
    /// Sends <paramref name="signal"/> to <paramref name="process"/>; false when it has already exited (a signal to a
    /// finished process is not a failure of the test), and an exception naming errno when the kernel refused it.
    /// </summary>
    public static bool Send(Process process, int signal)
    {
        if (process.HasExited)
        {
            return false;
        }

        if (kill(process.Id, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        const int NoSuchProcess = 3;
        return errno == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill({process.Id}, {signal}) failed with errno {errno}.");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
