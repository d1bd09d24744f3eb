// shape: semaphore TryAcquireAsync; the work sits inside if (permit != null)
// expect: none
// why: the permit is checked before the guarded call
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Safe.TryAcquireNotNullGuard;

public sealed class Uploads(ISemaphoreProvider semaphores)
{
    public async Task UploadAsync(Func<Task> upload)
    {
        await using var permit = await semaphores.TryAcquireAsync("uploads", 4);
        if (permit != null)
        {
            await upload();
        }
    }
}
