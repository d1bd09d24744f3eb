// shape: try { SendAllAsync(); } finally { await lease.DisposeAsync(); } with the task neither awaited nor kept
// expect: LSM016
// why: the call returns at its first await; the finally releases the lease while sending continues
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.DiscardedTaskInTry;

public sealed class Mailer(ILockProvider locks)
{
    public async Task RunAsync()
    {
        var lease = await locks.AcquireAsync("mailer");
        try
        {
            SendAllAsync();
        }
        finally
        {
            await lease.DisposeAsync();
        }
    }

    private static async Task SendAllAsync() => await Task.Delay(1000);
}
